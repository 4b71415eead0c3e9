"""@extism-ts/testing's Python host: one plug-in instance in the Python `extism` SDK.

Node starts this script and talks to it in JSON lines: it writes on fd 3 and
reads on fd 4, so that the plug-in's own output (WASI stdout) stays apart.

  -> {"op": "load", "wasm", "wasi", "config", "allowed_hosts", "memory_max_pages",
      "timeout_ms", "log_level", "http_mock", "http_response_headers",
      "host_functions": [{"namespace", "name", "params": [kind], "result": kind | null}]}
  <- {"type": "ready"} or {"type": "fatal", "error"}
  -> {"op": "call", "function", "input": base64}
  <- while the call runs, for a host function: {"type": "host", "index", "args"},
     answered by {"result": value} or {"error": true};
     for an HTTP request when HTTP is mocked: {"type": "http", "request", "body"},
     answered by {"status", "headers", "body"} or {"error": true}
  <- {"type": "result", "ok", "output" | "error" and "code", "logs", "vars"}

A kind is "bytes" (an i64 offset of a memory block, sent as {"bytes": base64})
or a wasm type. i64 values travel as decimal strings, non-finite floats as
"NaN", "Infinity", "-Infinity".

Vars live here rather than in the runtime, so that the test can read them:
the SDK has no way to. With mocked HTTP, the runtime's http_request,
http_status_code and http_headers are replaced by calls to Node.
"""
import base64
import json
import math
import os
import re
import sys
import threading
import time

inbox = open(3, "rb")
outbox = open(4, "wb")


def exit_with_parent():
    """End this process when the Node process that started it ends, even in
    the middle of a call that never returns (an endless loop without a
    timeout): no host outlives the test run that started it."""
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


threading.Thread(target=exit_with_parent, daemon=True).start()


def send(message):
    outbox.write(json.dumps(message).encode() + b"\n")
    outbox.flush()


def receive():
    line = inbox.readline()
    if not line:
        sys.exit(0)
    return json.loads(line)


def ask(message):
    send(message)
    return receive()


try:
    import extism
except ImportError as error:
    send({"type": "fatal", "error": f"the Python host needs the extism package in {sys.executable} (pip install extism): {error}"})
    sys.exit(0)

TYPES = {
    "bytes": extism.ValType.I64,
    "i32": extism.ValType.I32,
    "i64": extism.ValType.I64,
    "f32": extism.ValType.F32,
    "f64": extism.ValType.F64,
}


def to_wire(kind, value):
    if kind == "i64":
        return str(value)
    if kind in ("f32", "f64") and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def from_wire(kind, value):
    return float(value) if kind in ("f32", "f64") else int(value)


def read_block(plugin, offset):
    return b"" if offset.value == 0 else plugin.input_bytes(offset)


def mocked_function(index, declared):
    def call(plugin, params, results, *user_data):
        args = []
        for kind, param in zip(declared["params"], params):
            if kind == "bytes":
                args.append({"bytes": base64.b64encode(read_block(plugin, param)).decode()})
            else:
                args.append(to_wire(kind, param.value))
        reply = ask({"type": "host", "index": index, "args": args})
        kind = declared["result"]
        if kind is None or "error" in reply:
            return
        value = reply["result"]
        if kind == "bytes":
            plugin.return_bytes(results[0], base64.b64decode(value["bytes"]))
        else:
            results[0].value = from_wire(kind, value)

    result = [] if declared["result"] is None else [TYPES[declared["result"]]]
    signature = ([TYPES[kind] for kind in declared["params"]], result)
    return extism.host_fn(name=declared["name"], namespace=declared["namespace"], signature=signature)(call)


def env_function(name, params, results):
    def decorate(call):
        return extism.host_fn(name=name, namespace="extism:host/env", signature=(params, results))(call)

    return decorate


I64 = extism.ValType.I64
I32 = extism.ValType.I32


def vars_functions(store):
    @env_function("var_get", [I64], [I64])
    def var_get(plugin, params, results, *user_data):
        key = plugin.input_string(params[0])
        if key in store:
            plugin.return_bytes(results[0], store[key])

    @env_function("var_set", [I64, I64], [])
    def var_set(plugin, params, results, *user_data):
        key = plugin.input_string(params[0])
        if params[1].value == 0:
            store.pop(key, None)
        else:
            store[key] = read_block(plugin, params[1])

    return [var_get, var_set]


def http_functions(share_headers):
    last = {"status": 0, "headers": {}}

    @env_function("http_request", [I64, I64], [I64])
    def http_request(plugin, params, results, *user_data):
        request = json.loads(plugin.input_string(params[0]))
        body = read_block(plugin, params[1])
        reply = ask({"type": "http", "request": request, "body": base64.b64encode(body).decode() if params[1].value else None})
        if "error" in reply:
            last.update(status=0, headers={})
            return
        last.update(status=reply["status"], headers=reply["headers"])
        plugin.return_bytes(results[0], base64.b64decode(reply["body"]))

    @env_function("http_status_code", [], [I32])
    def http_status_code(plugin, params, results, *user_data):
        results[0].value = last["status"]

    @env_function("http_headers", [], [I64])
    def http_headers(plugin, params, results, *user_data):
        if share_headers:
            plugin.return_string(results[0], json.dumps(last["headers"]))

    return [http_request, http_status_code, http_headers]


# "<time> <LEVEL> extism::pdk: <message> plugin="<id>"", the message may span lines.
LOG_LINE = re.compile(r'^\S+\s+(TRACE|DEBUG|INFO|WARN|ERROR) extism::pdk: (.*) plugin="[^"]*"\n?$', re.S)


def main():
    request = receive()
    store = {}
    functions = [mocked_function(index, declared) for index, declared in enumerate(request["host_functions"])]
    functions += vars_functions(store)
    if request["http_mock"]:
        functions += http_functions(request["http_response_headers"])
    lines = []
    logger = None
    if request["log_level"] != "off":
        # Only the plug-in's lines: the runtime's own would drown them at trace level.
        logger = extism.set_log_custom(lines.append, f"extism::pdk={request['log_level']}")
    manifest = {"wasm": [{"path": request["wasm"]}], "config": request["config"]}
    if request["allowed_hosts"] and not request["http_mock"]:
        manifest["allowed_hosts"] = request["allowed_hosts"]
    if request["memory_max_pages"] is not None:
        manifest["memory"] = {"max_pages": request["memory_max_pages"]}
    if request["timeout_ms"] is not None:
        manifest["timeout_ms"] = request["timeout_ms"]
    try:
        plugin = extism.Plugin(manifest, wasi=request["wasi"], functions=functions)
    except extism.Error as error:
        send({"type": "fatal", "error": f"{request['wasm']} does not load in the Python SDK: {error}"})
        return
    if request["http_response_headers"] and not request["http_mock"]:
        extism.extism._lib.extism_plugin_allow_http_response_headers(plugin.plugin)
    # The SDK raises on a non-zero return code without showing it: keep it.
    codes = []
    check_error = plugin._check_error
    plugin._check_error = lambda rc: (codes.append(rc), check_error(rc))
    send({"type": "ready"})

    while True:
        command = receive()
        codes.clear()
        try:
            output = plugin.call(command["function"], base64.b64decode(command["input"]))
            result = {"ok": True, "output": base64.b64encode(bytes(output)).decode()}
        except extism.Error as error:
            result = {"ok": False, "error": str(error), "code": codes[-1] if codes else None}
        if logger:
            logger.drain()
        logs = []
        for line in lines:
            match = LOG_LINE.match(line)
            if match:
                logs.append({"level": match.group(1).lower(), "message": match.group(2)})
        lines.clear()
        result.update(type="result", logs=logs, vars={key: base64.b64encode(value).decode() for key, value in store.items()})
        send(result)


main()
