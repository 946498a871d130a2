#!/usr/bin/env python3
"""presets_installed.py — every shipped preset is installed (issue 12).

Usage: presets_installed.py MESON BUILD_ROOT PRESET_DIR

Reads `MESON introspect --installed BUILD_ROOT` (source file -> installed path) and
compares the presets/*.ini files installed under .../reluscope/presets with the *.ini
files of PRESET_DIR. Prints each preset that is not installed (and each installed one
that is not in the directory) and exits 1 when there is any; 0 otherwise.
"""
import glob
import json
import os
import subprocess
import sys


def main():
    meson, build_root, preset_dir = sys.argv[1:4]
    out = subprocess.run([meson, 'introspect', '--installed', build_root],
                         check=True, capture_output=True, text=True).stdout
    installed = set()
    for src, dest in json.loads(out).items():
        if src.endswith('.ini') and os.path.dirname(dest).endswith(os.path.join('reluscope', 'presets')):
            installed.add(os.path.basename(dest))
    shipped = {os.path.basename(f) for f in glob.glob(os.path.join(preset_dir, '*.ini'))}
    if not shipped:
        print(f'presets_installed: no *.ini in {preset_dir}')
        return 1
    bad = 0
    for name in sorted(shipped - installed):
        print(f'presets_installed: {name} is in {preset_dir} but not installed '
              '(add it to presets/meson.build)')
        bad += 1
    for name in sorted(installed - shipped):
        print(f'presets_installed: {name} is installed but not in {preset_dir}')
        bad += 1
    print(f'presets_installed: {len(shipped)} presets, {len(installed)} installed')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
