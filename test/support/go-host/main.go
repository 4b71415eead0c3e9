// Call plug-in exports from the Go extism SDK (github.com/extism/go-sdk, on wazero).
//
// The same JSON protocol as ../python_host.py. Reads one request on stdin:
//
//	{"wasm": path, "wasi": bool, "config": {..}, "log_level": "info" | null,
//	 "allowed_hosts": [..], "calls": [{"function": name, "input": base64}],
//	 "memory": {"max_pages", "max_var_bytes", "max_http_response_bytes"}, "timeout_ms": n | null,
//	 "host_functions": [{"namespace", "name", "behaviour"}],
//	 "http_response_headers": bool}
//
// with behaviours append_bang (string -> string + "!"), combine (string, i32,
// f64 -> json), echo_i64 (i64 -> the same i64), echo_bytes (bytes -> the same
// bytes), make_bytes (i64 n -> n bytes, i & 0xff), fails (panics with "the
// host says no"), and capitalize, float_inputs, float_output and void_inputs
// (the official JS PDK's host_funcs example: they panic on any other value
// than the example passes). Writes on stdout
//
//	{"results": [{"ok": true, "output": base64} | {"ok": false, "error": message, "code": rc}],
//	 "logs": "LEVEL message\n..."}
//
// (logs only when log_level is set). A plug-in that cannot be loaded makes the
// program print the SDK's error on stderr and exit with status 1, as the
// Python host does.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"
)

type hostFunction struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Behaviour string `json:"behaviour"`
}

type call struct {
	Function string `json:"function"`
	Input    string `json:"input"`
}

type memory struct {
	MaxPages             *uint32 `json:"max_pages"`
	MaxVarBytes          *int64  `json:"max_var_bytes"`
	MaxHTTPResponseBytes *int64  `json:"max_http_response_bytes"`
}

type request struct {
	Wasm                string            `json:"wasm"`
	Wasi                bool              `json:"wasi"`
	Config              map[string]string `json:"config"`
	LogLevel            *string           `json:"log_level"`
	AllowedHosts        []string          `json:"allowed_hosts"`
	HostFunctions       []hostFunction    `json:"host_functions"`
	HTTPResponseHeaders bool              `json:"http_response_headers"`
	Memory              *memory           `json:"memory"`
	TimeoutMs           *uint64           `json:"timeout_ms"`
	Calls               []call            `json:"calls"`
}

type result struct {
	Ok     bool    `json:"ok"`
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
	Code   *int32  `json:"code,omitempty"`
}

type response struct {
	Results []result `json:"results"`
	Logs    *string  `json:"logs,omitempty"`
}

func readString(p *extism.CurrentPlugin, offset uint64) string {
	text, err := p.ReadString(offset)
	if err != nil {
		panic(err)
	}
	return text
}

func writeString(p *extism.CurrentPlugin, text string) uint64 {
	offset, err := p.WriteString(text)
	if err != nil {
		panic(err)
	}
	return offset
}

func writeBytes(p *extism.CurrentPlugin, data []byte) uint64 {
	offset, err := p.WriteBytes(data)
	if err != nil {
		panic(err)
	}
	return offset
}

var i64 = []extism.ValueType{extism.ValueTypeI64}

func behaviour(name string) (extism.HostFunctionStackCallback, []extism.ValueType, []extism.ValueType, error) {
	switch name {
	case "append_bang":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			stack[0] = writeString(p, readString(p, stack[0])+"!")
		}, i64, i64, nil
	case "combine":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			document, err := json.Marshal(map[string]any{
				"text":  readString(p, stack[0]),
				"count": extism.DecodeI32(stack[1]),
				"value": extism.DecodeF64(stack[2]),
			})
			if err != nil {
				panic(err)
			}
			stack[0] = writeString(p, string(document))
		}, []extism.ValueType{extism.ValueTypeI64, extism.ValueTypeI32, extism.ValueTypeF64}, i64, nil
	case "echo_i64":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {}, i64, i64, nil
	case "echo_bytes":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			data, err := p.ReadBytes(stack[0])
			if err != nil {
				panic(err)
			}
			stack[0] = writeBytes(p, data)
		}, i64, i64, nil
	case "make_bytes":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			data := make([]byte, stack[0])
			for i := range data {
				data[i] = byte(i)
			}
			stack[0] = writeBytes(p, data)
		}, i64, i64, nil
	case "fails":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			panic("the host says no")
		}, i64, i64, nil
	// The host functions of the official JS PDK's host_funcs example, with the checks its Go host makes.
	case "capitalize":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			text := readString(p, stack[0])
			stack[0] = writeString(p, strings.ToUpper(text[:1])+text[1:])
		}, i64, i64, nil
	case "float_inputs":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			f64, f32 := extism.DecodeF64(stack[0]), extism.DecodeF32(stack[1])
			if f64 != 9_007_199_254_740.125 || f32 != 314_567.5 {
				panic(fmt.Sprintf("float_inputs received f64=%v, f32=%v", f64, f32))
			}
			stack[0] = uint64(2_147_483_647)
		}, []extism.ValueType{extism.ValueTypeF64, extism.ValueTypeF32}, []extism.ValueType{extism.ValueTypeI32}, nil
	case "float_output":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			if int32(stack[0]) != 2_147_483_647 {
				panic(fmt.Sprintf("float_output received i32=%d", int32(stack[0])))
			}
			stack[0] = extism.EncodeF64(9_007_199_254_740.125)
		}, []extism.ValueType{extism.ValueTypeI32}, []extism.ValueType{extism.ValueTypeF64}, nil
	case "void_inputs":
		return func(ctx context.Context, p *extism.CurrentPlugin, stack []uint64) {
			i32, i64, f32, f64, extra := int32(stack[0]), int64(stack[1]), extism.DecodeF32(stack[2]), extism.DecodeF64(stack[3]), int32(stack[4])
			if i32 != 2_147_483_647 || i64 != 9_223_372_036_854_775_807 || f32 != 314_567.5 || f64 != 9_007_199_254_740.125 || extra != 2_147_483_647 {
				panic(fmt.Sprintf("void_inputs received i32=%d, i64=%d, f32=%v, f64=%v, extra=%d", i32, i64, f32, f64, extra))
			}
		}, []extism.ValueType{extism.ValueTypeI32, extism.ValueTypeI64, extism.ValueTypeF32, extism.ValueTypeF64, extism.ValueTypeI32}, []extism.ValueType{}, nil
	}
	return nil, nil, nil, fmt.Errorf("unknown host function behaviour %q", name)
}

func hostFunctions(declared []hostFunction) ([]extism.HostFunction, error) {
	functions := make([]extism.HostFunction, 0, len(declared))
	for _, entry := range declared {
		callback, params, results, err := behaviour(entry.Behaviour)
		if err != nil {
			return nil, err
		}
		function := extism.NewHostFunctionWithStack(entry.Name, callback, params, results)
		if entry.Namespace != "" {
			function.SetNamespace(entry.Namespace)
		}
		functions = append(functions, function)
	}
	return functions, nil
}

var levels = map[string]extism.LogLevel{
	"trace": extism.LogLevelTrace,
	"debug": extism.LogLevelDebug,
	"info":  extism.LogLevelInfo,
	"warn":  extism.LogLevelWarn,
	"error": extism.LogLevelError,
	"off":   extism.LogLevelOff,
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail("go host: bad request: %v", err)
	}
	functions, err := hostFunctions(req.HostFunctions)
	if err != nil {
		fail("go host: %v", err)
	}

	var logs *strings.Builder
	if req.LogLevel != nil {
		level, known := levels[*req.LogLevel]
		if !known {
			fail("go host: unknown log level %q", *req.LogLevel)
		}
		extism.SetLogLevel(level)
		logs = &strings.Builder{}
	}

	ctx := context.Background()
	manifest := extism.Manifest{
		Wasm:         []extism.Wasm{extism.WasmFile{Path: req.Wasm}},
		Config:       req.Config,
		AllowedHosts: req.AllowedHosts,
	}
	if req.TimeoutMs != nil {
		manifest.Timeout = *req.TimeoutMs
	}
	if m := req.Memory; m != nil && (m.MaxPages != nil || m.MaxVarBytes != nil || m.MaxHTTPResponseBytes != nil) {
		// The SDK reads a limit of 0 as "nothing allowed": -1 keeps its default.
		limits := &extism.ManifestMemory{MaxVarBytes: -1, MaxHttpResponseBytes: -1}
		if m.MaxPages != nil {
			limits.MaxPages = *m.MaxPages
		}
		if m.MaxVarBytes != nil {
			limits.MaxVarBytes = *m.MaxVarBytes
		}
		if m.MaxHTTPResponseBytes != nil {
			limits.MaxHttpResponseBytes = *m.MaxHTTPResponseBytes
		}
		manifest.Memory = limits
	}
	moduleConfig := wazero.NewModuleConfig()
	if req.Wasi {
		// wazero's defaults are a fixed clock and a deterministic random source.
		moduleConfig = moduleConfig.WithSysWalltime().WithSysNanotime().WithRandSource(rand.Reader)
	}
	plugin, err := extism.NewPlugin(ctx, manifest, extism.PluginConfig{
		EnableWasi:                req.Wasi,
		EnableHttpResponseHeaders: req.HTTPResponseHeaders,
		ModuleConfig:              moduleConfig,
	}, functions)
	if err != nil {
		fail("go host: cannot load %s: %v", req.Wasm, err)
	}
	defer plugin.Close(ctx)
	plugin.SetLogger(func(level extism.LogLevel, message string) {
		if logs != nil {
			fmt.Fprintf(logs, "%s %s\n", level.String(), message)
		}
	})

	out := response{Results: make([]result, 0, len(req.Calls))}
	for _, c := range req.Calls {
		input, err := base64.StdEncoding.DecodeString(c.Input)
		if err != nil {
			fail("go host: bad input for %s: %v", c.Function, err)
		}
		rc, output, err := plugin.CallWithContext(ctx, c.Function, input)
		code := int32(rc)
		switch {
		case err != nil:
			message := err.Error()
			out.Results = append(out.Results, result{Ok: false, Error: &message, Code: &code})
		case rc != 0:
			// The SDK hands back a non-zero return code without an error when
			// the plug-in set none; every other host fails such a call.
			message := fmt.Sprintf("plug-in returned non-zero exit code: %d", code)
			out.Results = append(out.Results, result{Ok: false, Error: &message, Code: &code})
		default:
			encoded := base64.StdEncoding.EncodeToString(output)
			out.Results = append(out.Results, result{Ok: true, Output: &encoded})
		}
	}
	if logs != nil {
		text := logs.String()
		out.Logs = &text
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail("go host: %v", err)
	}
}
