"""Call plug-in exports from the Python extism SDK (the reference Rust runtime).

Reads one JSON request on stdin:
  {"wasm": path, "wasi": bool, "config": {..}, "log_level": "info" | null,
   "allowed_hosts": [..], "memory": {"max_pages", "max_var_bytes", "max_http_response_bytes"},
   "timeout_ms": n | null, "calls": [{"function": name, "input": base64}],
   "host_functions": [{"namespace", "name", "behaviour"}]}
with behaviours as in hosts.ts: append_bang (string -> string + "!"), combine
(string, i32, f64 -> json), echo_i64 (i64 -> the same i64), fails (raises),
echo_bytes (bytes -> the same bytes), make_bytes (i64 n -> n bytes, i & 0xff).
Writes a JSON list with one result per call on stdout:
  {"ok": true, "output": base64} or {"ok": false, "error": message, "code": rc}
and, when log_level is set, the captured log lines under "logs".
"""
import base64
import json
import sys
import tempfile

import extism


def append_bang(plugin, params, results, *user_data):
    plugin.return_string(results[0], plugin.input_string(params[0]) + "!")


def combine(plugin, params, results, *user_data):
    text = plugin.input_string(params[0])
    document = {"text": text, "count": params[1].value, "value": params[2].value}
    plugin.return_string(results[0], json.dumps(document))


def echo_i64(plugin, params, results, *user_data):
    results[0].value = params[0].value


def return_bytes(plugin, result, data):
    # The SDK's return_bytes writes through offset 0 when the allocation fails
    # (a crash of the whole process): fail the host function instead.
    memory = plugin.alloc(len(data))
    if data and memory.offset == 0:
        raise Exception(f"the host cannot allocate {len(data)} bytes")
    plugin.memory(memory)[:] = data
    result.value = memory.offset


def echo_bytes(plugin, params, results, *user_data):
    return_bytes(plugin, results[0], plugin.input_bytes(params[0]))


def make_bytes(plugin, params, results, *user_data):
    count = params[0].value
    return_bytes(plugin, results[0], bytes(range(256)) * (count // 256) + bytes(range(count % 256)))


def fails(plugin, params, results, *user_data):
    raise Exception("the host says no")


BEHAVIOURS = {
    "append_bang": (append_bang, [extism.ValType.I64], [extism.ValType.I64]),
    "combine": (combine, [extism.ValType.I64, extism.ValType.I32, extism.ValType.F64], [extism.ValType.I64]),
    "echo_i64": (echo_i64, [extism.ValType.I64], [extism.ValType.I64]),
    "echo_bytes": (echo_bytes, [extism.ValType.I64], [extism.ValType.I64]),
    "make_bytes": (make_bytes, [extism.ValType.I64], [extism.ValType.I64]),
    "fails": (fails, [extism.ValType.I64], [extism.ValType.I64]),
}


def host_functions(declared):
    functions = []
    for entry in declared:
        func, params, results = BEHAVIOURS[entry["behaviour"]]
        decorate = extism.host_fn(
            name=entry["name"],
            namespace=entry.get("namespace") or "extism:host/user",
            signature=(params, results),
        )
        functions.append(decorate(func))
    return functions


def main():
    request = json.load(sys.stdin)
    functions = host_functions(request.get("host_functions", []))
    log_path = None
    if request.get("log_level"):
        log_path = tempfile.mktemp(suffix=".log")
        extism.set_log_file(log_path, request["log_level"])
    manifest = {"wasm": [{"path": request["wasm"]}]}
    if request.get("config"):
        manifest["config"] = request["config"]
    if request.get("allowed_hosts"):
        manifest["allowed_hosts"] = request["allowed_hosts"]
    memory = {key: value for key, value in (request.get("memory") or {}).items() if value is not None}
    if memory:
        manifest["memory"] = memory
    if request.get("timeout_ms"):
        manifest["timeout_ms"] = request["timeout_ms"]
    results = []
    with extism.Plugin(manifest, wasi=request.get("wasi", False), functions=functions) as plugin:
        # The SDK raises on a non-zero return code without showing it: keep it.
        codes = []
        check_error = plugin._check_error
        plugin._check_error = lambda rc: (codes.append(rc), check_error(rc))
        for call in request["calls"]:
            try:
                output = plugin.call(call["function"], base64.b64decode(call["input"]))
                results.append({"ok": True, "output": base64.b64encode(bytes(output)).decode()})
            except extism.Error as error:
                results.append({"ok": False, "error": str(error), "code": codes[-1] if codes else None})
    response = {"results": results}
    if log_path:
        with open(log_path, encoding="utf-8", errors="replace") as log:
            response["logs"] = log.read()
    json.dump(response, sys.stdout)


main()
