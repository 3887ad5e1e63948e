"""Run every notebook's tests, each in its own `nbdev-test` process, and count them.

nbdev's runner prints only "Success." for a whole folder; this runs one notebook per process (`--jobs` at a time),
prints each notebook's result and time, the failures' output, and ends with `N passed, N failed`."""
import argparse, os, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ENV = dict(os.environ)

def run_one(nb, flags, timeout):
    cmd = ['nbdev-test', str(nb)] + (['--flags', flags] if flags else [])
    t0 = time.time()
    try: p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=ENV)
    except subprocess.TimeoutExpired as e:
        return nb, False, time.time()-t0, f'timed out after {timeout}s\n{e.stdout or ""}{e.stderr or ""}'
    ok = p.returncode == 0 and 'Success.' in p.stdout
    return nb, ok, time.time()-t0, p.stdout + p.stderr

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('paths', nargs='*', help='notebooks to test (default: nbs/*.ipynb)')
    ap.add_argument('--flags', default='', help='test flags to run that are skipped by default, e.g. "slow"')
    ap.add_argument('--jobs', type=int, default=2, help='notebooks tested at once')
    ap.add_argument('--timeout', type=int, default=1800, help='seconds per notebook')
    a = ap.parse_args()
    # notebooks run side by side: one thread each, so tiny models don't lose their time to thread synchronisation
    if a.jobs > 1: ENV.setdefault('OMP_NUM_THREADS', '1')
    root = Path(__file__).resolve().parent.parent
    nbs = [Path(p) for p in a.paths] or sorted(p for p in (root/'nbs').glob('*.ipynb') if not p.name.startswith(('_', '.')))
    passed = failed = 0
    with ThreadPoolExecutor(a.jobs) as ex:
        for nb, ok, dt, out in ex.map(lambda nb: run_one(nb, a.flags, a.timeout), nbs):
            print(f'{"PASS" if ok else "FAIL"}  {nb.name:28s} {dt:6.1f}s', flush=True)
            if ok: passed += 1
            else:
                failed += 1
                print('\n'.join('    | '+l for l in out.strip().splitlines()[-60:]), flush=True)
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed or not passed else 0)

if __name__ == '__main__': main()
