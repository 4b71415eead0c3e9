"""Call plug-in exports from the Python extism SDK (the reference Rust runtime).

Reads one JSON request on stdin:
  {"wasm": path, "wasi": bool, "config": {..}, "log_level": "info" | null,
   "allowed_hosts": [..], "calls": [{"function": name, "input": base64}],
   "host_functions": [{"namespace", "name", "kind": "append_bang"}]}
Writes a JSON list with one result per call on stdout:
  {"ok": true, "output": base64} or {"ok": false, "error": message, "code": rc}
and, when log_level is set, the captured log lines under "logs".
"""
import base64
import json
import sys
import tempfile

import extism


def main():
    request = json.load(sys.stdin)
    log_path = None
    if request.get("log_level"):
        log_path = tempfile.mktemp(suffix=".log")
        extism.set_log_file(log_path, request["log_level"])
    manifest = {"wasm": [{"path": request["wasm"]}]}
    if request.get("config"):
        manifest["config"] = request["config"]
    if request.get("allowed_hosts"):
        manifest["allowed_hosts"] = request["allowed_hosts"]
    results = []
    with extism.Plugin(manifest, wasi=request.get("wasi", False)) as plugin:
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
