"""Fail when a committed notebook cell that draws a figure carries no image output.

The docs show the committed outputs, so a cell that draws must hold its figure as `image/png` (or `image/svg+xml`);
a cell executed without matplotlib's inline backend keeps only text such as `<Figure size 640x480 with 1 Axes>`,
and its page shows nothing. A cell draws when its code (IPython `%`/`!` lines left out, top-level `def`/`class`
bodies not counted) calls a plotting function -- `plot`, `semilogy`, `imshow`, `subplots`, `figure`, ... on any
object but `np`/`torch`/`math`, or any function whose name starts with `plot_`. Cells marked `#| eval: false`
are never run, so they need no image; every other cell does, `#| slow` ones included.

Prints `NOTEBOOK cell N` (N counts all cells from 0) for each offending cell and exits 1 if there is any."""
import argparse, ast, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLOT = {'plot', 'semilogy', 'semilogx', 'loglog', 'imshow', 'bar', 'barh', 'scatter', 'hist', 'subplots', 'figure',
        'matshow', 'pcolormesh', 'fill_between', 'errorbar'}
NOT_PLOTS = {'np', 'numpy', 'torch', 'math'}  # np.histogram-like calls on these draw nothing
IMAGES = ('image/png', 'image/svg+xml')
EVAL_FALSE = re.compile(r'^\s*#\|\s*eval\s*:\s*false\s*$', re.I | re.M)

def root_name(node):
    "`plt` for `plt.plot`, `np` for `np.random.bar`: the name an attribute chain starts from"
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)): node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ''

def drawing_calls(source):
    "The names of the plotting calls in a cell's code, in order (empty when it draws nothing or does not parse)"
    code = '\n'.join(l for l in source.splitlines() if not l.lstrip().startswith(('%', '!')))
    try: tree = compile(code, '<cell>', 'exec', flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except SyntaxError: return []
    found = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)): continue
        for n in ast.walk(stmt):
            if not isinstance(n, ast.Call): continue
            f = n.func
            if isinstance(f, ast.Attribute): name, base = f.attr, root_name(f.value)
            elif isinstance(f, ast.Name): name, base = f.id, ''
            else: continue
            if name.startswith('plot_') or (name in PLOT and base not in NOT_PLOTS):
                found.append(f'{base}.{name}' if base else name)
    return found

def has_image(cell):
    return any(k in o.get('data', {}) for o in cell.get('outputs', []) for k in IMAGES)

def describe_outputs(cell):
    outs = cell.get('outputs', [])
    if not outs: return 'no outputs'
    texts = [''.join(o.get('data', {}).get('text/plain', '')) for o in outs if o.get('data')]
    fig = next((t for t in texts if t.startswith('<Figure')), None)
    return f'output {fig!r} instead of an image' if fig else f'outputs: {", ".join(sorted({o["output_type"] for o in outs}))}'

def check(nb_path):
    "(cell index, calls, what the outputs hold) for each cell of `nb_path` that draws without an image"
    cells = json.loads(Path(nb_path).read_text(encoding='utf-8')).get('cells', [])
    bad = []
    for i, c in enumerate(cells):
        if c.get('cell_type') != 'code': continue
        src = ''.join(c.get('source', ''))
        if EVAL_FALSE.search(src) or has_image(c): continue
        calls = drawing_calls(src)
        if calls: bad.append((i, calls, describe_outputs(c)))
    return bad

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('paths', nargs='*', help='notebooks to check (default: nbs/*.ipynb)')
    a = ap.parse_args()
    nbs = [Path(p) for p in a.paths] or sorted(p for p in (ROOT/'nbs').glob('*.ipynb') if not p.name.startswith(('_', '.')))
    n = 0
    for nb in nbs:
        for i, calls, what in check(nb):
            n += 1
            shown = nb.resolve().relative_to(ROOT) if nb.resolve().is_relative_to(ROOT) else nb
            print(f'{shown} cell {i}: draws ({", ".join(dict.fromkeys(calls))}) but has no image; {what}')
    if n:
        print(f'{n} cells draw a figure but carry no image output: execute them with the inline backend '
              f'(not MPLBACKEND=Agg) and commit the outputs, or mark a cell that is never run `#| eval: false`')
        sys.exit(1)
    print(f'figures: every drawing cell in {len(nbs)} notebooks carries an image')

if __name__ == '__main__': main()
