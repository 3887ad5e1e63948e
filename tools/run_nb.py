"""Execute notebooks in place, as the docs show them: every cell runs with matplotlib's inline backend, except the
`#| slow` and `#| cuda` cells, which keep the outputs of their last real run (pass `--flags slow` to run those too).

    python tools/run_nb.py nbs/04_train.ipynb [more.ipynb …] [--flags slow] [--cells ID,ID]

A cell that raises stops the notebook, prints the error and leaves the file as it was. Each notebook runs in a
process of its own, as the tests run them: a notebook's registry entries must not reach the next one."""
import argparse, os, re, subprocess, sys, time
from pathlib import Path
from fastcore.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

def flags_of(cell) -> set:
    return {f for line in cell.source.splitlines() if (m := re.match(r'#\|\s*(slow|cuda)\b', line)) for f in [m.group(1)]}

def run(path:Path, flags:set, cells:set=frozenset()) -> bool:
    nb = read_nb(path)
    skip = lambda c: c.cell_type != 'code' or (bool(flags_of(c) - flags) and c.get('id') not in cells)
    os.chdir(path.parent)
    shell = CaptureShell(path.parent.resolve())
    shell._fname = path
    t0 = time.time()
    os.environ.pop('IN_TEST', None)
    try: shell.run_all(nb, exc_stop=True, preproc=skip)
    except Exception as e:
        print(f'FAIL  {path.name}: {type(e).__name__}: {e}\n{shell.prettytb(path)}'); return False
    for c in nb.cells: c.metadata.pop('execution', None)
    write_nb(nb, path)
    print(f'ran   {path.name} in {time.time() - t0:.0f} s'); return True

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('paths', nargs='+', help='notebooks to execute in place')
    ap.add_argument('--flags', default='', help='cell flags to run too, e.g. "slow"')
    ap.add_argument('--cells', default='', help='ids of `#| slow` or `#| cuda` cells to run too (comma-separated), e.g. a new measurement')
    a = ap.parse_args()
    paths = [Path(p).resolve() for p in a.paths]   # before `run` changes the working folder
    if len(paths) == 1: sys.exit(0 if run(paths[0], set(a.flags.split()), set(filter(None, a.cells.split(',')))) else 1)
    codes = [subprocess.run([sys.executable, __file__, str(p), '--flags', a.flags, '--cells', a.cells]).returncode for p in paths]
    sys.exit(0 if not any(codes) else 1)
