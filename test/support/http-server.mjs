// A small HTTP server for the HTTP tests, in a process of its own so that
// hosts that block while a plug-in waits for a response cannot deadlock it.
// Prints its port, then serves:
//   /echo          the request body back, with the request's method and headers as x-echo-* headers
//   /headers       the request headers as JSON
//   /status/<n>    an empty response with status n
//   /bytes/<n>     n bytes (0, 1, 2, ... 255, 0, ...)
import { createServer } from "node:http";

// Request headers up to 2 MiB (Node's default is 16 KiB): the edge matrix sends a 1 MiB one.
const server = createServer({ maxHeaderSize: 2 * 1024 * 1024 }, (request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const url = new URL(request.url, "http://localhost");
    if (url.pathname === "/echo") {
      response.writeHead(200, {
        "content-type": "application/octet-stream",
        "x-echo-method": request.method,
        "x-echo-test": String(request.headers["x-test"] ?? ""),
        "content-length": body.length,
      });
      response.end(body);
    } else if (url.pathname === "/headers") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(request.headers));
    } else if (url.pathname.startsWith("/bytes/")) {
      const data = Buffer.alloc(Number(url.pathname.slice("/bytes/".length)));
      for (let i = 0; i < data.length; i++) data[i] = i & 0xff;
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": data.length });
      response.end(data);
    } else if (url.pathname.startsWith("/status/")) {
      response.writeHead(Number(url.pathname.slice("/status/".length)));
      response.end();
    } else {
      response.writeHead(404);
      response.end("not found");
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
