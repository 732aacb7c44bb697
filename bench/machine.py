"""One line describing the machine a benchmark ran on (printed by every bench script)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe_machine() -> str:
    """CPU model, core count, memory, load average and Python: enough to compare runs."""
    cpu = platform.processor() or platform.machine()
    mem = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                break
    except OSError:
        pass
    try:
        one, five, fifteen = os.getloadavg()
        load = f"load {one:.1f}/{five:.1f}/{fifteen:.1f}"
    except OSError:
        load = "load ?"
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{mem}, "
            f"{load}, Python {platform.python_version()}")


if __name__ == "__main__":
    print(describe_machine())
