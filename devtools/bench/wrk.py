"""wrk, the HTTP load generator, as bench_pages and chaos drive it, and the "Show More" trail both load."""

import re
import subprocess
import urllib.request

SHOW_MORE_RE = re.compile(r'data-show-more href="([^"]+)"')


def milliseconds(value):
    """wrk's latency ("812.00us", "3.21ms", "1.02s") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def parse(output):
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(p50),
        "p99": milliseconds(p99),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }


def wrk(url, *, connections, seconds, script=None, headers=None):
    """Two threads, `connections` connections for `seconds`; its figures (parse). A Lua `script`
    may choose the requests; `headers` ({name: value}) go with every request."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    return parse(subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout)


def show_more_trail(base, clicks):
    """The addresses reached from the home page by up to `clicks` "Show More" clicks, in order."""
    trail, path = [], "/"
    for _ in range(clicks):
        html = urllib.request.urlopen(base + path, timeout=30).read().decode()
        found = SHOW_MORE_RE.search(html)
        if not found:
            break
        path = "/" + found.group(1).replace("&amp;", "&").lstrip("/")
        trail.append(path)
    return trail
