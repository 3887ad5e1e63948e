"""Fail when a smolgpt module imports a later chapter's module, anywhere (top level or inside a function), imports another
module's private name (`_name`), or changes another module's globals (assigns, deletes or updates an item of a name it
imported, or calls a mutating method on it: later chapters extend earlier ones through their `Registry` and
`register_*` functions only).

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

MUTATORS = {'append', 'extend', 'insert', 'remove', 'pop', 'clear', 'update', 'setdefault', 'add', 'discard', '__setitem__'}

def foreign_names(tree):
    "name -> module, for every name imported from another smolgpt module"
    out = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and ((n.level == 1 and n.module) or (n.module or '').startswith('smolgpt.')):
            mod = n.module.split('.')[-1]
            for a in n.names: out[a.asname or a.name] = (mod, a.name, n.lineno)
    return out

def writes(tree, names):
    "(line, what) for each change this module makes to an imported name's object"
    for n in ast.walk(tree):
        targets = n.targets if isinstance(n, (ast.Assign, ast.Delete)) else [n.target] if isinstance(n, (ast.AugAssign, ast.AnnAssign)) else []
        for t in targets:
            if isinstance(t, (ast.Subscript, ast.Attribute)) and isinstance(t.value, ast.Name) and t.value.id in names:
                yield n.lineno, f'{"writes" if not isinstance(n, ast.Delete) else "deletes"} {ast.unparse(t)}'
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
           and n.func.value.id in names and n.func.attr in MUTATORS:
            yield n.lineno, f'calls {n.func.value.id}.{n.func.attr}()'

bad = []
for p in sorted(pkg.glob('*.py')):
    me = chapters[p.stem]
    if me is None: continue
    tree = ast.parse(p.read_text())
    for line, mod in imported(tree):
        other = chapters.get(mod)
        if other is not None and other > me: bad.append(f'smolgpt/{p.name}:{line}: chapter {me[0]:02d}{me[1]} imports smolgpt.{mod} (chapter {other[0]:02d}{other[1]})')
    foreign = foreign_names(tree)
    bad += [f'smolgpt/{p.name}:{line}: imports the private name {name} of smolgpt.{mod}'
            for mod, name, line in foreign.values() if name.startswith('_') and not name.startswith('__')]
    bad += [f'smolgpt/{p.name}:{line}: {what}, a global of smolgpt.{foreign[what.split()[1].split(".")[0].split("[")[0]][0]}'
            for line, what in writes(tree, set(foreign))]
n = sum(v is not None for v in chapters.values())
print('\n'.join(bad) or f'imports flow forward, no private names cross modules, no module changes another\'s globals: {n} modules checked')
sys.exit(1 if bad else 0)
