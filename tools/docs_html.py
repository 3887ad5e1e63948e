"""Build static HTML pages of the docs without Quarto: `nbdev-proc-nbs`, then nbconvert's HTML exporter.

Quarto cannot be installed on these machines, so this renders what nbdev hands to Quarto (`_proc/*.ipynb`, the
notebooks with `show_doc` output and Quarto directives) with nbconvert instead: outputs kept as committed (nothing
is executed), figures embedded as data URIs, each page named as Quarto names it (the notebook's `output-file`), and
each carrying a sidebar with a link to every page listed in `nbs/_quarto.yml`'s sidebar, in its order.
`tools/test_docs.py` then opens every page in a browser. Error outputs are marked `data-output-type="error"`
(nbconvert's own markup shows a traceback and a stderr stream the same way)."""
import argparse, html, re, shutil, subprocess, sys, time
from pathlib import Path

import jinja2, nbformat, yaml
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

ROOT = Path(__file__).resolve().parent.parent
NBS, PROC, OUT = ROOT/'nbs', ROOT/'_proc', ROOT/'_docs_html'

TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block extra_css %}<style type="text/css">{{ resources.smolgpt.css }}</style>{% endblock extra_css %}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
{{ resources.smolgpt.sidebar }}
<main id="content">
{{ resources.smolgpt.header }}
{%- endblock body_header -%}
{% block error -%}
<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr" data-output-type="error">
<pre>{% for line in output.traceback %}{{ line | ansi2html }}
{% endfor %}</pre>
</div>
{%- endblock error %}
"""

CSS = """
#sidebar { position: fixed; top: 0; left: 0; bottom: 0; width: 15rem; overflow-y: auto; padding: 1rem;
  border-right: 1px solid #ddd; background: #fafafa; font-family: var(--jp-ui-font-family); font-size: 14px; }
#sidebar ul { list-style: none; padding-left: 0; margin: 0.2rem 0 0.8rem; }
#sidebar li { margin: 0.25rem 0; }
#sidebar .site-title { font-weight: 700; font-size: 1.2em; }
#sidebar .section { font-weight: 600; margin-top: 0.8rem; }
#sidebar a { color: #2a6ebb; text-decoration: none; }
#sidebar a.active { font-weight: 700; color: #000; }
main#content { margin-left: 17rem; max-width: 60rem; padding: 1rem 2rem; }
main#content > header h1 { margin-bottom: 0.2rem; }
main#content > header .description { color: #555; font-size: 1.1em; }
"""

def sidebar_entries(quarto_yml=NBS/'_quarto.yml'):
    "The sidebar of `_quarto.yml` as a list of (section title or None, [notebook file names]) in its order"
    contents = (yaml.safe_load(quarto_yml.read_text()).get('website', {}).get('sidebar', {}) or {}).get('contents', [])
    groups = []
    def add(section, f):
        if not groups or groups[-1][0] != section: groups.append((section, []))
        groups[-1][1].append(f)
    def walk(items, section):
        for it in items:
            if isinstance(it, str): add(section, it)
            elif isinstance(it, dict) and 'contents' in it: walk(it['contents'], it.get('section') or it.get('text') or '')
            elif isinstance(it, dict) and (it.get('href') or it.get('file')): add(section, it.get('href') or it.get('file'))
    walk(contents, None)
    return groups

def frontmatter(nb):
    "Quarto's front matter (the leading raw `---` cell nbdev writes), removed from `nb`"
    for i, c in enumerate(nb.cells):
        if c.cell_type == 'raw' and c.source.lstrip().startswith('---'):
            del nb.cells[i]
            return yaml.safe_load(c.source.strip().strip('-')) or {}
        if c.cell_type != 'raw': break
    return {}

DIRECTIVE = re.compile(r'^\s*#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')

def apply_directives(nb):
    "Quarto's cell options: `echo: false` hides the source, `output: false` the outputs, `include: false` both"
    for c in nb.cells:
        c.metadata.pop('execution', None)  # execnb's timings (numbers) fail nbformat's schema (strings)
        if c.cell_type != 'code': continue
        lines = c.source.splitlines()
        opts = {}
        while lines and DIRECTIVE.match(lines[0]):
            k, v = DIRECTIVE.match(lines.pop(0)).groups()
            opts[k] = v.lower()
        c.source = '\n'.join(lines)
        tags = set(c.metadata.get('tags', []))
        if opts.get('include') == 'false': tags.add('docs-remove-cell')
        if opts.get('echo') == 'false': tags.add('docs-remove-input')
        if opts.get('output') == 'false': tags.add('docs-remove-output')
        c.metadata['tags'] = sorted(tags)

# Quarto's attribute syntax after a link, `[text](url){target="_blank" style="..."}`: show_doc writes it for the
# source link; commonmark (nbconvert) would print the braces as text, so the link becomes HTML with those attributes
QUARTO_LINK = re.compile(r'\[([^\]]*)\]\(([^)\s]+)\)\{((?:\s*[\w-]+="[^"]*")+)\s*\}')

def quarto_links(text:str) -> str:
    "Markdown links with Quarto attributes as HTML links that carry them"
    return QUARTO_LINK.sub(lambda m: f'<a href="{html.escape(m[2])}" {m[3].strip()}>{html.escape(m[1])}</a>', text)

def html_links(nb):
    "`quarto_links` in every markdown cell and markdown output of `nb`"
    for c in nb.cells:
        if c.cell_type == 'markdown': c.source = quarto_links(c.source)
        for o in c.get('outputs', []):
            md = o.get('data', {}).get('text/markdown')
            if md is not None: o['data']['text/markdown'] = quarto_links(md if isinstance(md, str) else ''.join(md))

def page_name(nb_file, fm=None):
    "The page Quarto writes for a notebook: its `output-file`, else the notebook's name with .html"
    return (fm or {}).get('output-file') or Path(nb_file).with_suffix('.html').name

def sidebar_html(groups, pages, current):
    out = ['<nav id="sidebar"><div class="site-title">smolgpt</div>']
    for section, files in groups:
        if section: out.append(f'<div class="section">{html.escape(section)}</div>')
        out.append('<ul>')
        for f in files:
            href, title = pages.get(f, (page_name(f), Path(f).stem))  # a page that was not built stays a (broken) link
            cls = ' class="active"' if href == current else ''
            out.append(f'<li><a data-sidebar href="{html.escape(href)}"{cls}>{html.escape(title)}</a></li>')
        out.append('</ul>')
    out.append('</nav>')
    return '\n'.join(out)

def build(proc=PROC, out=OUT, quiet=False):
    nbs = sorted(p for p in proc.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    if not nbs: sys.exit(f'no processed notebooks in {proc}: run nbdev-proc-nbs')
    groups = sidebar_entries()
    loaded = {}
    for p in nbs:
        nb = nbformat.read(p, as_version=4)
        fm = frontmatter(nb)
        loaded[p.name] = nb, fm
    pages = {name: (page_name(name, fm), fm.get('title') or Path(name).stem) for name, (nb, fm) in loaded.items()}
    links = {name: href for name, (href, _) in pages.items()}
    ex = HTMLExporter(template_name='lab', extra_loaders=[jinja2.DictLoader({'smolgpt_docs.html.j2': TEMPLATE})],
                      template_file='smolgpt_docs.html.j2', exclude_input_prompt=True, exclude_output_prompt=True,
                      embed_images=True)
    ex.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={'docs-remove-cell'},
                             remove_input_tags={'docs-remove-input'}, remove_all_outputs_tags={'docs-remove-output'}),
                             enabled=True)
    if out.exists(): shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, (nb, fm) in loaded.items():
        t0 = time.time()
        apply_directives(nb)
        html_links(nb)
        href, title = pages[name]
        nb.metadata['title'] = title
        header = f'<header><h1 class="title">{html.escape(title)}</h1>' + \
                 (f'<p class="description">{html.escape(str(fm["description"]))}</p>' if fm.get('description') else '') + '</header>'
        res = {'smolgpt': {'css': CSS, 'sidebar': sidebar_html(groups, pages, href), 'header': header},
               'metadata': {'name': title, 'path': str(proc)}}
        body, _ = ex.from_notebook_node(nb, resources=res)
        # links between notebooks point at their pages, as Quarto rewrites them
        body = re.sub(r'href="([^":/#?]+\.ipynb)(#[^"]*)?"', lambda m: f'href="{links.get(m[1], m[1][:-6] + ".html")}{m[2] or ""}"', body)
        (out/href).write_text(body, encoding='utf-8')
        if not quiet: print(f'{name:24s} -> {out.name}/{href}  {len(body)/1e6:5.2f} MB  {time.time()-t0:4.1f}s', flush=True)
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--no-proc', action='store_true', help='render _proc as it is, without running nbdev-proc-nbs first')
    ap.add_argument('--out', type=Path, default=OUT, help='output folder (default: _docs_html)')
    a = ap.parse_args()
    t0 = time.time()
    if not a.no_proc:
        exe = Path(sys.executable).parent/'nbdev-proc-nbs'
        r = subprocess.run([str(exe) if exe.exists() else 'nbdev-proc-nbs'], cwd=ROOT)
        if r.returncode: sys.exit(f'nbdev-proc-nbs failed (exit {r.returncode})')
    out = build(out=a.out)
    print(f'built {len(list(out.glob("*.html")))} pages in {out} in {time.time()-t0:.1f}s')

if __name__ == '__main__': main()
