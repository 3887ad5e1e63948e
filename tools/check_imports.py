"""Fail when a smolgpt module imports a later chapter's module, anywhere (top level or inside a function).

Each module's chapter is the number (and letter, as in 12b) of the notebook it is exported from (the `File to edit: ../nbs/NN_name.ipynb`
line nbdev writes at the top). Every `import smolgpt.x`, `from smolgpt.x import …` and `from .x import …` must name
a module of the same or an earlier chapter; `importlib.import_module` with a literal 'smolgpt.…' name counts too."""
import ast, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
pkg = root/'smolgpt'

def chapter(path):
    m = re.search(r'File to edit: \.\./nbs/(\d+)([a-z]*)_', path.read_text())
    return (int(m.group(1)), m.group(2)) if m else None   # 12b_… comes after 12_…

chapters = {p.stem: chapter(p) for p in pkg.glob('*.py')}

def imported(tree):
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            for a in n.names:
                if a.name.startswith('smolgpt.'): yield n.lineno, a.name.split('.')[1]
        elif isinstance(n, ast.ImportFrom):
            if n.level == 1 and n.module: yield n.lineno, n.module.split('.')[0]
            elif n.level == 1: yield from ((n.lineno, a.name) for a in n.names)
            elif n.module and n.module.startswith('smolgpt.'): yield n.lineno, n.module.split('.')[1]
            elif n.module == 'smolgpt': yield from ((n.lineno, a.name) for a in n.names)
        elif isinstance(n, ast.Call) and getattr(n.func, 'attr', getattr(n.func, 'id', '')) == 'import_module':
            if n.args and isinstance(n.args[0], ast.Constant) and str(n.args[0].value).startswith('smolgpt.'):
                yield n.lineno, n.args[0].value.split('.')[1]

bad = []
for p in sorted(pkg.glob('*.py')):
    me = chapters[p.stem]
    if me is None: continue
    for line, mod in imported(ast.parse(p.read_text())):
        other = chapters.get(mod)
        if other is not None and other > me: bad.append(f'smolgpt/{p.name}:{line}: chapter {me[0]:02d}{me[1]} imports smolgpt.{mod} (chapter {other[0]:02d}{other[1]})')
print('\n'.join(bad) or f'imports flow forward: {sum(v is not None for v in chapters.values())} modules checked')
sys.exit(1 if bad else 0)
