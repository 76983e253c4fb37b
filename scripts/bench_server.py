#!/usr/bin/env python3
"""A loopback stand-in for an OpenAI-compatible server, for the EmberBench benchmark.

It answers POST /v1/chat/completions after a fixed delay (100 ms by default) with a
chat completion, or, when the request has "stream": true, with a server-sent event stream
whose chunks are spread over the same delay. HTTP/1.1 keep-alive; standard library only.

Usage: bench_server.py PORT [--delay SECONDS] [--max-lifetime SECONDS] [--trace FILE]

PORT 0 picks a free port. The chosen port is printed on stdout as "listening on PORT".
The server listens on 127.0.0.1 only and exits by itself after --max-lifetime seconds.
With --trace, it writes one line per request, for finding where a run's time goes:
wall-clock seconds when the connection was accepted, the request head read, the request
body read and the answer written, then the request's number on its connection.
"""

import argparse
import asyncio
import itertools
import json
import resource
import signal
import sys
import time

STREAM_PIECES = ["Hello", " from", " the", " bench."]
REPLY_TEXT = "".join(STREAM_PIECES)
USAGE = {"prompt_tokens": 12, "completion_tokens": 4, "total_tokens": 16}
MAXIMUM_HEAD = 65_536
MAXIMUM_BODY = 1_048_576

request_ids = itertools.count(1)


def raise_descriptor_limit():
    """Raises the open-file soft limit to the hard limit, for thousands of sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65_536
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError) as error:
        print(f"bench_server: could not raise the file limit: {error}", file=sys.stderr)


def response_head(status, reason, headers):
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def plain_response(status, reason, body, keep_alive):
    data = body.encode()
    headers = [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(data))),
        ("Connection", "keep-alive" if keep_alive else "close"),
    ]
    return response_head(status, reason, headers) + data


def error_body(message):
    return json.dumps({"error": {"message": message, "type": "invalid_request_error"}})


def completion_body(request_id, model):
    return json.dumps({
        "id": f"chatcmpl-{request_id}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": REPLY_TEXT},
            "finish_reason": "stop",
        }],
        "usage": USAGE,
    })


def chunk(request_id, model, delta=None, finish_reason=None, usage=None):
    """One `data:` event of a streamed completion, framed as one HTTP chunk."""
    payload = {
        "id": f"chatcmpl-{request_id}",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [],
    }
    if usage is not None:
        payload["usage"] = usage
    else:
        payload["choices"] = [{
            "index": 0,
            "delta": {} if delta is None else {"content": delta},
            "finish_reason": finish_reason,
        }]
    return http_chunk(f"data: {json.dumps(payload)}\n\n")


def http_chunk(text):
    data = text.encode()
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


class Server:
    def __init__(self, delay, trace):
        self.delay = delay
        self.trace = trace
        self.connections = 0
        self.peak_connections = 0
        self.requests = 0

    async def handle(self, reader, writer):
        self.connections += 1
        self.peak_connections = max(self.peak_connections, self.connections)
        accepted = time.time()
        try:
            for number in itertools.count(1):
                if not await self.handle_one(reader, writer, accepted, number):
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            pass  # The server is stopping with this connection still open.
        finally:
            self.connections -= 1
            writer.close()

    async def handle_one(self, reader, writer, accepted, number):
        """Serves one request; returns whether the connection stays open."""
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        head_read = time.time()
        if len(head) > MAXIMUM_HEAD:
            return False
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3:
            writer.write(plain_response(400, "Bad Request", error_body("bad request line"), False))
            await writer.drain()
            return False
        method, target, version = parts
        headers = {}
        for line in lines[1:]:
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
        if "transfer-encoding" in headers:
            message = "send the body with Content-Length"
            writer.write(plain_response(411, "Length Required", error_body(message), False))
            await writer.drain()
            return False
        length = int(headers.get("content-length", "0") or "0")
        if length > MAXIMUM_BODY:
            writer.write(plain_response(413, "Too Large", error_body("body too large"), False))
            await writer.drain()
            return False
        body = await reader.readexactly(length) if length else b""
        self.requests += 1

        if method != "POST" or target.split("?")[0] != "/v1/chat/completions":
            writer.write(plain_response(404, "Not Found", error_body(f"no route {target}"),
                                        keep_alive))
            await writer.drain()
            return keep_alive
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            writer.write(plain_response(400, "Bad Request", error_body("body is not JSON"),
                                        keep_alive))
            await writer.drain()
            return keep_alive
        body_read = time.time()
        model = str(request.get("model", "bench-model"))
        request_id = next(request_ids)
        if request.get("stream") is True:
            await self.stream(writer, request_id, model, keep_alive)
        else:
            await asyncio.sleep(self.delay)
            writer.write(plain_response(200, "OK", completion_body(request_id, model),
                                        keep_alive))
            await writer.drain()
        if self.trace:
            self.trace.write(f"{accepted:.6f} {head_read:.6f} {body_read:.6f} "
                             f"{time.time():.6f} {number}\n")
        return keep_alive

    async def stream(self, writer, request_id, model, keep_alive):
        """Writes one delta per step, the head with the first, and the end at the delay."""
        step = self.delay / (len(STREAM_PIECES) + 1)
        head = response_head(200, "OK", [
            ("Content-Type", "text/event-stream"),
            ("Cache-Control", "no-cache"),
            ("Transfer-Encoding", "chunked"),
            ("Connection", "keep-alive" if keep_alive else "close"),
        ])
        for index, piece in enumerate(STREAM_PIECES):
            await asyncio.sleep(step)
            prefix = head if index == 0 else b""
            writer.write(prefix + chunk(request_id, model, delta=piece))
            await writer.drain()
        await asyncio.sleep(step)
        writer.write(chunk(request_id, model, finish_reason="stop")
                     + chunk(request_id, model, usage=USAGE)
                     + http_chunk("data: [DONE]\n\n")
                     + b"0\r\n\r\n")
        await writer.drain()


async def serve(port, delay, lifetime, trace):
    server = Server(delay, trace)
    listener = await asyncio.start_server(server.handle, "127.0.0.1", port, backlog=4096,
                                          reuse_address=True)
    chosen = listener.sockets[0].getsockname()[1]
    print(f"listening on {chosen}", flush=True)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, stopping.set)
    try:
        await asyncio.wait_for(stopping.wait(), timeout=lifetime)
    except asyncio.TimeoutError:
        print(f"bench_server: stopping after its lifetime of {lifetime:g} s", file=sys.stderr)
    # Not wait_closed(): it would wait for clients' idle keep-alive connections to close.
    listener.close()
    print(f"bench_server: served {server.requests} requests, at most "
          f"{server.peak_connections} connections at once", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description="Loopback chat-completions server.")
    parser.add_argument("port", type=int, help="the port on 127.0.0.1; 0 picks one")
    parser.add_argument("--delay", type=float, default=0.1,
                        help="seconds before each answer is complete (default 0.1)")
    parser.add_argument("--max-lifetime", type=float, default=900.0,
                        help="seconds after which the server exits (default 900)")
    parser.add_argument("--trace", metavar="FILE",
                        help="append a line of timings per answered request to FILE")
    arguments = parser.parse_args()
    raise_descriptor_limit()
    trace = open(arguments.trace, "a", buffering=1 << 20) if arguments.trace else None
    try:
        asyncio.run(serve(arguments.port, arguments.delay, arguments.max_lifetime, trace))
    finally:
        if trace:
            trace.close()


if __name__ == "__main__":
    main()
