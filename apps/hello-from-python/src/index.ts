import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";

/** Provided by the host (the Extism docs' example host is written in Python). */
const a_python_func = hostFn<(s: string) => string>("a_python_func", { params: [string], result: string });

export const hello_from_python = plugin(null, string, () => a_python_func("An argument to send to Python"));
