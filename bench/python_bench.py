"""Time the bench workloads under the Python extism SDK (the reference Rust runtime).

Run by bench/suites/workloads.mjs as `test/.venv/bin/python bench/python_bench.py`, with one
JSON request on stdin:
  {"targets": {name: wasm path},
   "create": {name: {"function", "input", "warmups", "runs"}},
   "cases": [{"key", "function", "input", "batch", "runs", "targets": [name, ..]}]}
where each "input" is a file path. Prints one JSON object on stdout:
  {"extism": version, "results": {name: {"create_first_call_ms": median,
     "cases": {key: {"ms": median ms per call, "output": last output as text}}}}}
A case's figure is the median, over "runs" batches, of a batch's time divided by "batch";
one untimed batch comes first. The host function ping(i64) -> i64 (extism:host/user)
returns its argument.
"""
import importlib.metadata
import json
import statistics
import sys
import time

import extism


@extism.host_fn(name="ping", namespace="extism:host/user", signature=([extism.ValType.I64], [extism.ValType.I64]))
def ping(plugin, params, results, *user_data):
    results[0].value = params[0].value


def load(path):
    with open(path, "rb") as f:
        return f.read()


def new_plugin(wasm):
    return extism.Plugin({"wasm": [{"data": wasm}]}, wasi=False, functions=[ping])


def create_first_call(wasm, spec):
    data = load(spec["input"])
    times = []
    for i in range(spec["warmups"] + spec["runs"]):
        start = time.perf_counter()
        plugin = new_plugin(wasm)
        plugin.call(spec["function"], data)
        elapsed = time.perf_counter() - start
        del plugin
        if i >= spec["warmups"]:
            times.append(elapsed * 1000)
    return statistics.median(times)


def run_case(plugin, case):
    data = load(case["input"])
    function = case["function"]
    batch = case["batch"]
    output = b""
    for _ in range(batch):
        output = plugin.call(function, data)
    times = []
    for _ in range(case["runs"]):
        start = time.perf_counter()
        for _ in range(batch):
            output = plugin.call(function, data)
        times.append((time.perf_counter() - start) * 1000 / batch)
    return {"ms": statistics.median(times), "output": bytes(output).decode("utf-8", "replace")}


def main():
    request = json.load(sys.stdin)
    results = {}
    for name, path in request["targets"].items():
        wasm = load(path)
        result = {"create_first_call_ms": create_first_call(wasm, request["create"][name]), "cases": {}}
        plugin = new_plugin(wasm)
        for case in request["cases"]:
            if name in case["targets"]:
                result["cases"][case["key"]] = run_case(plugin, case)
        del plugin
        results[name] = result
    json.dump({"extism": importlib.metadata.version("extism"), "results": results}, sys.stdout)


main()
