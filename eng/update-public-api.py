#!/usr/bin/env python3
"""Rebuild a project's PublicAPI.Unshipped.txt from the analyzer's RS0016/RS0017 diagnostics.

Usage: eng/update-public-api.py src/IncidentPolicy
Builds the project, adds every undeclared public symbol (RS0016) and removes every declared one
that no longer exists (RS0017), then sorts the file. Review the diff before committing.
"""
import re, subprocess, sys, pathlib

project = pathlib.Path(sys.argv[1])
unshipped = project / "PublicAPI.Unshipped.txt"
for _ in range(3):
    out = subprocess.run(["dotnet", "build", str(project), "--no-incremental", "-p:TreatWarningsAsErrors=false"],
                         capture_output=True, text=True).stdout
    add = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", out))
    remove = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API", out))
    if not add and not remove:
        break
    lines = [l for l in unshipped.read_text().splitlines() if l and l != "#nullable enable"]
    lines = sorted((set(lines) | add) - remove)
    unshipped.write_text("#nullable enable\n" + "\n".join(lines) + "\n")
    print(f"added {len(add)}, removed {len(remove)}")
