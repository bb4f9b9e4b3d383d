#!/usr/bin/env python3
"""A tool-using agent in Python with only the standard library, as a command target:

    agentlab eval examples/agents/python-stdlib/cases.jsonl --agents "command:python3 examples/agents/python-stdlib/agent.py"

agentlab runs it once per case with OPENAI_BASE_URL / OPENAI_API_KEY pointing at its recording
model proxy, the goal in AGENTLAB_GOAL (and on stdin as one JSON line) and the case's sandbox as
the working directory. The answer is what it prints. When TRACEPARENT and
OTEL_EXPORTER_OTLP_ENDPOINT are set it also sends one OTLP/JSON span per tool call, so a failed
tool shows as failed in the trajectory. By hand, against `agentlab sim`:

    OPENAI_BASE_URL=http://127.0.0.1:8787/v1 OPENAI_API_KEY=sim OPENAI_MODEL=strong \\
        python3 agent.py "Search for the height of Mount Everest, then calculate 8849 * 2"
"""
import ast
import http.client
import json
import math
import operator
import os
import secrets
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

MAX_MODEL_CALLS = 8
MAX_RETRIES = 3
REQUEST_TIMEOUT_SECONDS = 60
SYSTEM_PROMPT = "You are a careful assistant. Use the tools for facts, arithmetic and files; answer briefly."

FACTS = [
    "Mount Everest is 8,849 metres (29,032 ft) tall, the highest mountain above sea level.",
    "The speed of light in vacuum is exactly 299,792,458 metres per second.",
    "Python was created by Guido van Rossum and first released in 1991.",
    "The Eiffel Tower in Paris was completed in 1889 and is 330 metres tall.",
    "Water boils at 100 °C (212 °F) at sea level.",
]
STOP_WORDS = {"the", "what", "who", "how", "and", "for", "when", "was", "is"}


# --- tools: each returns text; a failure is text starting with "Error", returned to the model ---

def words(text):
    return {word for word in "".join(c if c.isalnum() else " " for c in text.lower()).split() if len(word) >= 3}


def search_web(query):
    wanted = words(query) - STOP_WORDS
    score, best = max((len(wanted & words(fact)), fact) for fact in FACTS)
    return best if score > 0 else f'No results for "{query}".'


BINARY_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
                    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow}
UNARY_OPERATORS = {ast.UAdd: operator.pos, ast.USub: operator.neg}
FUNCTIONS = {"sqrt": math.sqrt, "abs": abs, "round": round, "floor": math.floor, "ceil": math.ceil, "log": math.log, "exp": math.exp}


def evaluate_node(node):
    """Arithmetic only: numbers, + - * / // % ** and a few math functions. Never eval()."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY_OPERATORS:
        left, right = evaluate_node(node.left), evaluate_node(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) > 1000:
            raise ValueError("exponent too large")
        return BINARY_OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY_OPERATORS:
        return UNARY_OPERATORS[type(node.op)](evaluate_node(node.operand))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and not node.keywords:
        return FUNCTIONS[node.func.id](*(evaluate_node(argument) for argument in node.args))
    raise ValueError(f"unsupported expression: {ast.unparse(node)}")


def calculator(expression):
    # "^" is power in the arithmetic models write (2 ^ 10); in Python it would be XOR.
    value = evaluate_node(ast.parse(expression.replace("^", "**"), mode="eval").body)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return f"{value:.12g}" if isinstance(value, float) else str(value)


def read_file(path):
    sandbox = Path(os.environ.get("AGENTLAB_SANDBOX", ".")).resolve()
    target = (sandbox / path).resolve()
    if not target.is_relative_to(sandbox):
        return f"Error: {path} is outside the sandbox"
    try:
        return target.read_text(encoding="utf-8")
    except OSError as error:
        return f"Error: cannot read {path}: {error.strerror}"


TOOLS = {
    "search_web": (search_web, "query", "Search the web for a fact"),
    "calculator": (calculator, "expression", "Evaluate arithmetic such as 17 * 23"),
    "read_file": (read_file, "path", "Read a text file in the working folder"),
}
TOOL_SCHEMAS = [
    {"type": "function", "function": {"name": name, "description": description,
                                      "parameters": {"type": "object", "properties": {parameter: {"type": "string"}}, "required": [parameter]}}}
    for name, (_, parameter, description) in TOOLS.items()
]


def run_tool(name, arguments_text):
    if name not in TOOLS:
        return f"Error: there is no tool named {name}"
    function, parameter, _ = TOOLS[name]
    try:
        arguments = json.loads(arguments_text or "{}")
        return function(str(arguments[parameter]))
    except json.JSONDecodeError as error:
        return f"Error: the arguments are not valid JSON ({error.msg})"
    except KeyError:
        return f"Error: {name} needs a {parameter}"
    except Exception as error:  # a tool failure is data for the model, not a crash
        return f"Error: {error}"


# --- the model, over plain HTTP ---

def retry_delay_seconds(headers, attempt):
    milliseconds = headers.get("retry-after-ms") if headers else None
    if milliseconds:
        return float(milliseconds) / 1000
    seconds = headers.get("retry-after") if headers else None
    return float(seconds) if seconds and seconds.replace(".", "", 1).isdigit() else 0.5 * 2 ** attempt


def chat(messages):
    """One chat completion; rate limits, server errors and dropped connections are retried."""
    request_body = {"model": os.environ.get("OPENAI_MODEL", "gpt-4o-mini"), "messages": messages, "tools": TOOL_SCHEMAS}
    if os.environ.get("AGENTLAB_SEED", "").lstrip("-").isdigit():
        request_body["seed"] = int(os.environ["AGENTLAB_SEED"])  # the same case gives the same answers on a seeded model
    body = json.dumps(request_body).encode()
    url = os.environ["OPENAI_BASE_URL"].rstrip("/") + "/chat/completions"
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {os.environ.get('OPENAI_API_KEY', '')}"}
    for attempt in range(MAX_RETRIES + 1):
        try:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
                return json.load(response)["choices"][0]["message"]
        except urllib.error.HTTPError as error:
            if attempt == MAX_RETRIES or (error.code != 429 and error.code < 500):
                raise RuntimeError(f"model call failed: HTTP {error.code}: {error.read().decode(errors='replace')[:500]}") from error
            delay = retry_delay_seconds(error.headers, attempt)
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, json.JSONDecodeError) as error:
            if attempt == MAX_RETRIES:
                raise RuntimeError(f"model call failed: {error}") from error
            delay = 0.5 * 2 ** attempt
        print(f"retrying the model call in {delay:.1f} s", file=sys.stderr)
        time.sleep(delay)


# --- one OTLP/JSON span per tool call, joined to the case's trace ---

def attribute(key, value):
    return {"key": key, "value": {"stringValue": str(value)}}


def export_tool_span(name, call_id, arguments, result, started_ns, ended_ns):
    endpoint, traceparent = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"), os.environ.get("TRACEPARENT")
    parts = (traceparent or "").split("-")
    if not endpoint or len(parts) != 4:
        return
    failed = result.startswith("Error")
    span = {
        "traceId": parts[1], "spanId": secrets.token_hex(8), "parentSpanId": parts[2],
        "name": f"execute_tool {name}", "kind": 1,
        "startTimeUnixNano": str(started_ns), "endTimeUnixNano": str(ended_ns),
        "attributes": [attribute("gen_ai.operation.name", "execute_tool"), attribute("gen_ai.tool.name", name),
                       attribute("gen_ai.tool.call.id", call_id), attribute("gen_ai.tool.call.arguments", arguments),
                       attribute("gen_ai.tool.call.result", result)] + ([attribute("error.type", "tool_error")] if failed else []),
        "status": {"code": 2, "message": result} if failed else {"code": 0},
    }
    service = os.environ.get("OTEL_SERVICE_NAME", "python-stdlib-agent")
    payload = {"resourceSpans": [{"resource": {"attributes": [attribute("service.name", service)]},
                                  "scopeSpans": [{"scope": {"name": "agentlab-example-python-stdlib"}, "spans": [span]}]}]}
    request = urllib.request.Request(endpoint.rstrip("/") + "/v1/traces", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        urllib.request.urlopen(request, timeout=5).close()
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        print(f"could not export the span of {name}: {error}", file=sys.stderr)  # tracing never fails the case


# --- the loop ---

def read_goal():
    if len(sys.argv) > 1:
        return " ".join(sys.argv[1:])
    if os.environ.get("AGENTLAB_GOAL"):
        return os.environ["AGENTLAB_GOAL"]
    line = sys.stdin.readline()
    return json.loads(line)["goal"] if line.strip() else ""


def run(goal):
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": goal}]
    for _ in range(MAX_MODEL_CALLS):
        message = chat(messages)
        messages.append({key: message[key] for key in ("role", "content", "tool_calls") if message.get(key) is not None})
        if not message.get("tool_calls"):
            return message.get("content") or ""
        for call in message["tool_calls"]:
            started_ns = time.time_ns()
            result = run_tool(call["function"]["name"], call["function"]["arguments"])
            export_tool_span(call["function"]["name"], call["id"], call["function"]["arguments"], result, started_ns, time.time_ns())
            messages.append({"role": "tool", "tool_call_id": call["id"], "content": result})
    return f"Stopped after {MAX_MODEL_CALLS} model calls without an answer."


if __name__ == "__main__":
    goal = read_goal()
    if not goal:
        sys.exit("no goal: pass it as an argument, in AGENTLAB_GOAL, or as {\"goal\": …} on stdin")
    try:
        print(run(goal))
    except RuntimeError as error:
        sys.exit(str(error))
