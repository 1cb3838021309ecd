"""The chaos run's table: each check, its figure and whether it was met."""

import os


def report(out, stories, workers, readers, load, restart, outage):
    """The table of figures, written with `out`; returns the checks not met."""
    failures = []

    def row(check, figure, met):
        if not met:
            failures.append(f"{check}: {figure}")
        out(f"{check:<44}{figure:<52}{'ok' if met else 'NOT MET'}")

    out("")
    out(
        f"make chaos · {stories:,} published stories · gunicorn {workers} sync workers on {os.cpu_count()} cores"
        f" · own PostgreSQL and Redis · {readers} concurrent readers"
    )
    out("")
    header = f"{'check':<44}{'figure':<52}result"
    out(header)
    out("-" * len(header))
    row(
        "load: wrk, home/article/Show More",
        f"{load['requests']:,} req, {load['rps']:.0f}/s, p50 {load['p50']:.0f} ms, p99 {load['p99']:.0f} ms",
        True,
    )
    row(
        "load: errors (non-2xx/3xx + socket)",
        f"{load['errors']} + {load['socket_errors']}",
        load["errors"] + load["socket_errors"] == 0,
    )
    row("db restart: downtime (stop -> answering)", f"{restart['downtime']:.1f} s", True)
    row("db restart: errors before the stop", str(restart["errors_before"]), restart["errors_before"] == 0)
    row(
        "db restart: errors while down (+1 s)",
        f"{restart['errors_during']} of {len(restart['during']):,} requests",
        True,
    )
    row(
        "db restart: errors from back+1 s",
        f"{restart['errors_after']} of {restart['requests_after']:,} requests"
        + (
            f" (last error {restart['last_error_after_back']:+.1f} s from back)"
            if restart["last_error_after_back"] is not None
            else ""
        ),
        restart["errors_after"] == 0,
    )
    statuses = restart["statuses"]
    row(
        "db restart: answers seen",
        ", ".join(f"{status}: {count:,}" for status, count in sorted(statuses.items(), key=str)),
        not any(status != 200 and status != 503 for status in statuses),
    )
    row(
        "db restart: acknowledged writes present",
        f"{restart['present']} of {restart['acknowledged']} ({restart['refused']} refused while down)",
        restart["present"] == restart["acknowledged"] > 0,
    )
    row(
        "redis killed: server errors",
        f"{outage['server_errors']} of {outage['requests']:,} requests ({outage['requests_during']:,} while down)",
        outage["server_errors"] == 0 and outage["errors"] == 0,
    )
    row(
        "redis killed: latency while down",
        f"median {outage['median_during']:.0f} ms, p99 {outage['p99_during']:.0f} ms",
        True,
    )
    row("redis killed: ignored cache errors logged", f"{outage['logged']:,}", outage["logged"] > 0)
    return failures
