"""Open every page of the offline docs build (`tools/docs_html.py` -> `_docs_html/`) in headless Chromium and check it.

For each page: it loads (HTTP 200 from a local http.server on 127.0.0.1, started and stopped here); it has cells; no
cell output is an error (an `error` output, which `docs_html.py` marks `data-output-type="error"`, or a traceback
printed to a stream; stderr streams such as progress bars are fine); every image loaded (`naturalWidth > 0`) --
images from other hosts (the Colab badge) cannot load offline, so they are counted, not checked; every resource the
page asked of the local server came back; the sidebar links every entry of `nbs/_quarto.yml`'s sidebar, and every
page built is in it; and every local link (sidebar and prose) resolves to a page that exists (HTTP 200); and no Quarto-only markup (a link's
`{target=...}` attributes) shows as text.
Requests to other hosts are blocked, so nothing waits on a network that is not there.

Prints one line per page and ends with `N passed, N failed`; exits 1 on any failure.
Chromium: Debian's (`apt-get install chromium`) at /usr/bin/chromium, or $CHROMIUM; never `playwright install`."""
import argparse, functools, os, shutil, sys, threading, time, urllib.error, urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docs_html import OUT, sidebar_entries

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args): pass

class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a browser that drops a connection it no longer needs is fine
        if not isinstance(sys.exc_info()[1], ConnectionError): super().handle_error(request, client_address)

def serve(folder):
    "A local http.server for `folder` on a free port of 127.0.0.1, in a thread"
    srv = Server(('127.0.0.1', 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'

def http_status(url):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method='HEAD'), timeout=10) as r: return r.status
    except urllib.error.HTTPError as e: return e.code
    except OSError as e: return str(e)

def find_chromium():
    for c in (os.environ.get('CHROMIUM'), '/usr/bin/chromium', shutil.which('chromium'), shutil.which('chromium-browser')):
        if c and Path(c).exists(): return c
    sys.exit('no Chromium found: apt-get install -y chromium (or set $CHROMIUM)')

# what the page shows, read in the browser after its load event
PAGE_JS = """async () => {
  const text = e => e.innerText.trim().split('\\n').filter(l => l.trim()).slice(-1)[0] || '';
  const imgs = await Promise.all([...document.images].map(async img => {
    img.loading = 'eager';
    try { await img.decode(); } catch (e) {}
    return {src: img.currentSrc || img.src, w: img.naturalWidth};
  }));
  return {
    cells: document.querySelectorAll('.jp-Cell').length,
    errors: [...document.querySelectorAll('[data-output-type="error"]')].map(text),
    tracebacks: [...document.querySelectorAll('.jp-OutputArea-output:not([data-output-type="error"])')]
                  .filter(e => e.innerText.includes('Traceback (most recent call last)')).map(text),
    imgs,
    sidebar: [...document.querySelectorAll('#sidebar a[data-sidebar]')].map(a => a.href),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    markup: (document.querySelector('main') || document.body).innerText.match(/\\{(target|style)=[^}]*\\}/g) || [],
  };
}"""

def check_page(page, url, base, expected_sidebar, pages, link_status, bad_requests):
    "The problems found on one page (empty when it passes), and a short summary"
    bad_requests.clear()
    resp = page.goto(url, wait_until='load', timeout=30_000)
    if resp is None or resp.status != 200: return [f'HTTP {resp.status if resp else "no response"}'], ''
    info = page.evaluate(PAGE_JS)
    problems = []
    if not info['cells']: problems.append('no notebook cells on the page')
    problems += [f'error output: {e[:120]}' for e in info['errors']]
    problems += [f'traceback in output: {e[:120]}' for e in info['tracebacks']]
    problems += [f'Quarto markup shown as text: {m[:80]}' for m in info['markup']]
    local = [i for i in info['imgs'] if i['src'].startswith((base, 'data:'))]
    problems += [f'image did not load: {i["src"][:80]}' for i in local if not i['w']]
    problems += [f'local request failed: {r}' for r in bad_requests]
    if len(info['sidebar']) != expected_sidebar:
        problems.append(f'sidebar has {len(info["sidebar"])} links, nbs/_quarto.yml lists {expected_sidebar}')
    listed = {u.split('#')[0] for u in info['sidebar']}
    problems += [f'page {p} is not in the sidebar' for p in pages if base + p not in listed]
    links = sorted({u.split('#')[0] for u in info['links'] if u.startswith(base)})
    for u in links:
        if u not in link_status: link_status[u] = http_status(u)
        if link_status[u] != 200: problems.append(f'link {u[len(base):] or "/"} -> {link_status[u]}')
    remote = len(info['imgs']) - len(local)
    return problems, f'{len(info["imgs"]) - remote} images' + (f' (+{remote} remote, unchecked)' if remote else '') + \
                     f', {len(links)} links, {len(info["errors"])} errors'

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--dir', type=Path, default=OUT, help='the built pages (default: _docs_html, from tools/docs_html.py)')
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright
    pages = sorted(p.name for p in a.dir.glob('*.html'))
    if not pages: sys.exit(f'no pages in {a.dir}: run tools/docs_html.py first')
    pages.sort(key=lambda p: p != 'index.html')
    expected_sidebar = sum(len(fs) for _, fs in sidebar_entries())
    srv, base = serve(a.dir)
    passed = failed = 0
    t0 = time.time()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium(), headless=True, args=['--disable-dev-shm-usage'])
            ctx = browser.new_context()
            # only the local server is reachable: other hosts (CDN scripts, badges) are refused at once
            ctx.route('**/*', lambda route: route.continue_() if route.request.url.startswith((base, 'data:')) else route.abort())
            page = ctx.new_page()
            bad_requests, link_status = [], {}
            page.on('requestfailed', lambda r: r.url.startswith(base) and bad_requests.append(f'{r.url[len(base):]} ({r.failure})'))
            page.on('response', lambda r: r.url.startswith(base) and r.status >= 400 and bad_requests.append(f'{r.url[len(base):]} (HTTP {r.status})'))
            for name in pages:
                t = time.time()
                try: problems, summary = check_page(page, base + name, base, expected_sidebar, pages, link_status, bad_requests)
                except Exception as e: problems, summary = [f'{type(e).__name__}: {e}'.splitlines()[0]], ''
                ok = not problems
                passed += ok; failed += not ok
                print(f'{"PASS" if ok else "FAIL"}  {name:16s} {time.time()-t:5.1f}s  {summary}', flush=True)
                for p in problems: print(f'    | {p}', flush=True)
            browser.close()
    finally:
        srv.shutdown(); srv.server_close()
    print(f'docs pages checked in {time.time()-t0:.1f}s')
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed or not passed else 0)

if __name__ == '__main__': main()
