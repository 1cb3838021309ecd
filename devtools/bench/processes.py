"""A process's memory, as the benchmarks report it (Linux /proc)."""


def _status_mb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith(field))
    return int(line.split()[1]) / 1024


def peak_rss_mb(pid="self"):
    # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    return _status_mb(pid, "VmHWM:")


def rss_mb(pid="self"):
    return _status_mb(pid, "VmRSS:")


def reset_peak_rss(pid="self"):
    # Writing 5 to clear_refs sets VmHWM back to the current resident size.
    with open(f"/proc/{pid}/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]
