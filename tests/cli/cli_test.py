#!/usr/bin/env python3
"""Tests of the `nianbao` command line, run on real files.

usage: cli_test.py CLI CASE [--corpus DIR] [--contract-check PATH]

Each CASE is one function below (ctest registers one test per case). The JSON
output is the core's own account of a report; every other format must agree
with it. Exit status: 0 pass, 1 fail, 77 skipped (ctest SKIP_RETURN_CODE).
"""
import argparse, csv, io, json, os, pathlib, random, re, shutil, stat, subprocess, sys, tempfile, threading, time

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


class Skip(Exception):
    pass


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def run(*args, stdin=b'', timeout=120, env=None, cwd=None):
    e = dict(os.environ, LANG='C.UTF-8')
    e.pop('LC_ALL', None)
    e.pop('LC_MESSAGES', None)
    e.pop('NO_COLOR', None)
    e.update(env or {})
    return subprocess.run([CLI, *map(str, args)], input=stdin, capture_output=True, timeout=timeout, env=e, cwd=cwd)


def json_lines(out):
    return [json.loads(line) for line in out.decode('utf-8').splitlines()]


CJK = re.compile('[\u4e00-\u9fff]')


def bilingual(err):
    text = err.decode('utf-8')
    check(CJK.search(text) and re.search('[A-Za-z]{4,}', text), f'message is not bilingual: {text!r}')
    return text


def corpus_files():
    files = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in ('.txt', '.html', '.htm'))
    check(files, f'no corpus files in {CORPUS}')
    return files


# ---------------------------------------------------------------- help, usage

@case
def help_version():
    for args in (['--help'], ['-h'], ['check', '--help']):
        r = run(*args)
        check(r.returncode == 0, f'{args}: exit {r.returncode}')
        out = r.stdout.decode('utf-8')
        for word in ('usage', '用法', 'exit codes', '退出码', 'text', 'json', 'jsonl', 'csv', 'sarif',
                     '--fail-on', '--lang', '-j', '--progress', '--quiet', '-o'):
            check(word in out, f'{args}: help lacks {word!r}')
    r = run('--version')
    check(r.returncode == 0 and re.fullmatch(rb'nianbao-check \d+\.\d+\.\d+\S*\n', r.stdout),
          f'--version printed {r.stdout!r}')


@case
def usage_errors():
    f = corpus_files()[0]
    bad = {
        'no arguments': [],
        'unknown command': ['lint', f],
        'no files': ['check'],
        'unknown option': ['check', '--frobnicate', f],
        'unknown short option': ['check', '-x', f],
        'bad format': ['check', '--format', 'xml', f],
        'bad format (=)': ['check', '--format=yaml', f],
        'missing value': ['check', f, '--format'],
        'bad lang': ['check', '--lang', 'fr', f],
        'bad fail-on': ['check', '--fail-on', 'fatal', f],
        'bad jobs': ['check', '-j', 'many', f],
        'negative jobs': ['check', '-j', '-1', f],
        'value on a flag': ['check', '--quiet=yes', f],
        'stdin twice': ['check', '-', '-'],
    }
    for name, args in bad.items():
        r = run(*args)
        check(r.returncode == 2, f'{name}: exit {r.returncode}, expected 2')
        check(r.stdout == b'', f'{name}: wrote to stdout: {r.stdout[:200]!r}')
        text = bilingual(r.stderr)
        check('--help' in text, f'{name}: no pointer to --help')
    r = run('check', '--frobnicate', f)
    check('--frobnicate' in r.stderr.decode(), 'the unknown option is not named')


# ------------------------------------------------------------------ formats

@case
def contract():
    tool = pathlib.Path(ARGS.contract_check)
    if not tool.exists():
        raise Skip(f'{tool} is absent')
    r = subprocess.run([sys.executable, str(tool), CLI, *map(str, corpus_files())],
                       capture_output=True, timeout=600)
    sys.stdout.write(r.stdout.decode('utf-8', 'replace'))
    check(r.returncode == 0, f'contract-check exit {r.returncode}')


@case
def jsonl_order():
    files = corpus_files()
    order = list(reversed(files)) + [files[0]]  # input order, not sorted order; a repeat is checked twice
    outs = {}
    for fmt, jobs in (('json', '1'), ('jsonl', '4'), ('json', '0')):
        r = run('check', '--format', fmt, '-j', jobs, *order)
        check(r.returncode in (0, 1), f'{fmt} -j{jobs}: exit {r.returncode} {r.stderr!r}')
        lines = r.stdout.decode('utf-8').splitlines()
        check(len(lines) == len(order), f'{fmt}: {len(lines)} lines for {len(order)} files')
        objs = [json.loads(line) for line in lines]
        check([o['file'] for o in objs] == [str(p) for p in order], f'{fmt} -j{jobs}: files out of input order')
        check(all(o['schema'] == 'nianbao-check/1' for o in objs), 'schema id')
        outs[(fmt, jobs)] = r.stdout
    check(len(set(outs.values())) == 1, 'json, jsonl and -j1/-j4/-j0 differ')
    # one file → one line, and the same object as in the batch
    single = run('check', '--format', 'json', files[0])
    check(single.stdout.count(b'\n') == 1, 'one file must give one line')
    check(json.loads(single.stdout) == json.loads(outs[('json', '1')].splitlines()[-1]), 'single vs batch')


def results_of(files):
    r = run('check', '--format', 'json', *files)
    return json_lines(r.stdout)


@case
def csv_rows():
    files = corpus_files()
    results = results_of(files)
    r = run('check', '--format', 'csv', *files)
    check(r.returncode in (0, 1), f'exit {r.returncode}')
    raw = r.stdout
    check(raw.startswith(b'\xef\xbb\xbf'), 'no UTF-8 BOM')
    body = raw[3:].decode('utf-8')
    check(body.endswith('\r\n') and '\n' not in body.replace('\r\n', ''), 'rows must end with CRLF')
    rows = list(csv.reader(io.StringIO(body, newline='')))
    header, rows = rows[0], rows[1:]
    fixed = ['file', 'encoding', 'template', 'year', 'org', 'errors', 'warnings', 'infos']
    check(header[:8] == fixed, f'header {header[:8]}')
    rules = sorted({d['rule'] for res in results for d in res['diagnostics']})
    sections = [h for h in header[8:] if h.startswith('section:')]
    check(header[8:8 + len(rules)] == rules, f'rule columns {header[8:8 + len(rules)]} != {rules}')
    check(header[8 + len(rules):] == sections, 'section columns follow the rule columns')
    for key in ('overview', 'proactive', 'requests', 'appeals', 'problems', 'other'):
        check(f'section:{key}' in sections, f'no column section:{key}')
    check(len(rows) == len(results), f'{len(rows)} rows for {len(results)} files')
    for row, res in zip(rows, results):
        check(len(row) == len(header), f'ragged row {row[0]}')
        cells = dict(zip(header, row))
        check(cells['file'] == res['file'], 'file column')
        check(cells['encoding'] == res['input']['encoding'], 'encoding column')
        check(cells['template'] == res['report']['template'], 'template column')
        check(cells['year'] == ('' if res['report']['year'] is None else str(res['report']['year'])), 'year')
        check(cells['org'] == (res['report'].get('org') or ''), 'org column')
        for col, sev in (('errors', 'error'), ('warnings', 'warning'), ('infos', 'info')):
            n = sum(d['severity'] == sev for d in res['diagnostics'])
            check(cells[col] == str(n), f'{res["file"]}: {col} {cells[col]} != {n}')
        for rule in rules:
            n = sum(d['rule'] == rule for d in res['diagnostics'])
            check(cells[rule] == str(n), f'{res["file"]}: {rule} {cells[rule]} != {n}')
        for col in sections:
            n = sum(s['key'] == col[len('section:'):] for s in res['sections'])
            check(cells[col] == str(n), f'{res["file"]}: {col} {cells[col]} != {n}')


@case
def csv_quoting():
    with tempfile.TemporaryDirectory() as tmp:
        name = pathlib.Path(tmp) / 'a,"b"\nc.txt'
        shutil.copy(corpus_files()[0], name)
        r = run('check', '--format', 'csv', name)
        rows = list(csv.reader(io.StringIO(r.stdout[3:].decode('utf-8'), newline='')))
        check(len(rows) == 2 and rows[1][0] == str(name), f'quoted file name round trip: {rows[1][:1]}')
        formula = pathlib.Path(tmp) / '=1+1.txt'
        shutil.copy(corpus_files()[0], formula)
        r = run('check', '--format', 'csv', formula.name, cwd=tmp)
        rows = list(csv.reader(io.StringIO(r.stdout[3:].decode('utf-8'), newline='')))
        check(rows[1][0] == "'=1+1.txt", f'formula-like cell not neutralized: {rows[1][0]!r}')


LEVELS = {'error': 'error', 'warning': 'warning', 'info': 'note'}


def assert_region(reg, where):
    check(isinstance(reg, dict), f'{where}: region not an object')
    for k in ('startLine', 'startColumn', 'endLine', 'endColumn', 'byteOffset', 'byteLength'):
        if k in reg:
            check(isinstance(reg[k], int) and reg[k] >= (0 if k.startswith('byte') else 1), f'{where}.{k}={reg[k]}')
    check(reg, f'{where}: empty region')
    if 'endLine' in reg:
        check('startLine' in reg and reg['endLine'] >= reg['startLine'], f'{where}: endLine before startLine')


def assert_location(loc, where, uris):
    pl = loc['physicalLocation']
    al = pl['artifactLocation']
    check(al['uri'] in uris, f'{where}: uri {al["uri"]!r} not among the artifacts')
    check(re.fullmatch(r"[A-Za-z0-9\-._~/%:]+", al['uri']), f'{where}: uri {al["uri"]!r} is not percent-encoded')
    if 'index' in al:
        check(uris[al['index']] == al['uri'], f'{where}: artifact index/uri mismatch')
    if 'region' in pl:
        assert_region(pl['region'], where + '.region')


def assert_sarif(doc, results):
    """Essential structure of SARIF 2.1.0 (sarif-schema-2.1.0 required properties and enums)."""
    check(doc.get('version') == '2.1.0', 'version must be "2.1.0"')
    check(isinstance(doc.get('$schema'), str) and '2.1.0' in doc['$schema'], '$schema')
    check(isinstance(doc.get('runs'), list) and len(doc['runs']) == 1, 'exactly one run')
    run_ = doc['runs'][0]
    driver = run_['tool']['driver']
    check(driver['name'] == 'nianbao-check', 'driver.name')
    check(re.fullmatch(r'\d+\.\d+\.\d+\S*', driver['version']), 'driver.version')
    check(run_.get('columnKind') == 'unicodeCodePoints', 'columnKind')
    rules = driver.get('rules', [])
    ids = [r['id'] for r in rules]
    check(len(set(ids)) == len(ids), 'rule ids repeat')
    for r in rules:
        check(r['shortDescription']['text'] and r['help']['text'], f'rule {r["id"]}: texts')
        check(r['defaultConfiguration']['level'] in ('none', 'note', 'warning', 'error'), 'rule level')
    inv = run_['invocations']
    check(len(inv) == 1 and isinstance(inv[0]['executionSuccessful'], bool), 'invocations[0].executionSuccessful')
    uris = [a['location']['uri'] for a in run_['artifacts']]
    check(len(uris) == len(results), f'{len(uris)} artifacts for {len(results)} results')
    expected = [(res['file'], d) for res in results for d in res['diagnostics']]
    got = run_['results']
    check(len(got) == len(expected), f'{len(got)} SARIF results for {len(expected)} diagnostics')
    for i, (g, (file, d)) in enumerate(zip(got, expected)):
        where = f'results[{i}]'
        check(g['ruleId'] == d['rule'], f'{where}.ruleId')
        check(ids[g['ruleIndex']] == g['ruleId'], f'{where}.ruleIndex points elsewhere')
        check(g['level'] == LEVELS[d['severity']], f'{where}.level {g["level"]}')
        check(isinstance(g['message']['text'], str) and g['message']['text'], f'{where}.message.text')
        check(len(g['locations']) == 1, f'{where}: one location')
        assert_location(g['locations'][0], where + '.locations[0]', uris)
        reg = g['locations'][0]['physicalLocation'].get('region')
        if d['line']:
            check(reg['startLine'] == d['line'] and reg.get('startColumn', 0) == d['column'],
                  f'{where}: region {reg} vs line {d["line"]} column {d["column"]}')
            check(reg['byteOffset'] == d['start'] and reg['byteLength'] == d['end'] - d['start'], f'{where}: bytes')
        for k, rel in enumerate(g.get('relatedLocations', [])):
            check(isinstance(rel['id'], int) and rel['message']['text'], f'{where}.relatedLocations[{k}]')
            assert_location(rel, f'{where}.relatedLocations[{k}]', uris)
        fp = g['partialFingerprints']
        check(fp and all(isinstance(v, str) and v for v in fp.values()), f'{where}.partialFingerprints')
    return run_


@case
def sarif_structure():
    files = corpus_files()
    results = results_of(files)
    for lang, key in (('zh', 'zh'), ('en', 'en')):
        r = run('check', '--format', 'sarif', '--lang', lang, *files)
        check(r.returncode in (0, 1), f'exit {r.returncode}')
        doc = json.loads(r.stdout)
        run_ = assert_sarif(doc, results)
        messages = [d['message'][key] for res in results for d in res['diagnostics']]
        check([g['message']['text'] for g in run_['results']] == messages, f'message.text not in {lang}')
        check(run_['invocations'][0]['executionSuccessful'] is True, 'all files were read')
    # rules[] is the engine's table: the same in every run, whatever the files
    one = json.loads(run('check', '--format', 'sarif', '--lang', 'en', files[0]).stdout)
    check(one['runs'][0]['tool']['driver']['rules'] == run_['tool']['driver']['rules'], 'rules[] differs between runs')
    for r in run_['tool']['driver']['rules']:
        check('{' not in r['shortDescription']['text'] + r['help']['text'], f'rule {r["id"]}: raw placeholder')
    # related locations of a diagnostic carry its Related spans and the findings folded under it
    related = sum(len(d.get('related', [])) + len(d.get('items', [])) for res in results for d in res['diagnostics'])
    got = sum(len(g.get('relatedLocations', [])) for g in run_['results'])
    check(got == related, f'{got} relatedLocations for {related} related spans')


@case
def sarif_failures():
    with tempfile.TemporaryDirectory() as tmp:
        missing = pathlib.Path(tmp) / '不存在.txt'
        f = corpus_files()[0]
        r = run('check', '--format', 'sarif', f, missing)
        check(r.returncode == 2, f'exit {r.returncode}')
        doc = json.loads(r.stdout)
        run_ = assert_sarif(doc, results_of([f]))
        inv = run_['invocations'][0]
        check(inv['executionSuccessful'] is False, 'executionSuccessful must be false')
        notes = inv['toolExecutionNotifications']
        check(len(notes) == 1 and notes[0]['level'] == 'error', 'one error notification')
        uri = notes[0]['locations'][0]['physicalLocation']['artifactLocation']['uri']
        check(uri.startswith('file:///') and '%E4%B8%8D' in uri, f'notification uri {uri}')


# ------------------------------------------------------------------ text

LINE = re.compile(r'^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): (?P<rule>NB\d{4}): (?P<msg>.+)$')


@case
def text_format():
    files = corpus_files()
    results = results_of(files)
    located = [(res['file'], d) for res in results for d in res['diagnostics'] if d['line'] and d['column']]
    check(located, 'the corpus gives no located diagnostic to look for')
    for lang in ('zh', 'en'):
        r = run('check', '--lang', lang, *files)
        out = r.stdout.decode('utf-8')
        check('\x1b[' not in out, 'colour codes in piped output')
        lines = out.splitlines()
        for file, d in located:
            want = f'{file}:{d["line"]}:{d["column"]}: {d["severity"]}: {d["rule"]}: '
            hit = [ln for ln in lines if ln.startswith(want)]
            check(hit, f'{lang}: no line starting {want!r}')
            check(any(d['message'][lang].replace('\n', ' ') in h for h in hit), f'{lang}: message of {want}')
        for res in results:
            check(any(ln.startswith('== ' + res['file']) for ln in lines), f'no header for {res["file"]}')
        summary = {'zh': f'共 {len(files)} 个文件', 'en': f'{len(files)} files:'}[lang]
        check(summary in out, f'{lang}: no summary {summary!r}')
    # related cells are indented detail lines with line:col
    rel = [(res['file'], d) for res in results for d in res['diagnostics'] if d.get('related')]
    r = run('check', *files)
    out = r.stdout.decode('utf-8')
    for file, d in rel[:20]:
        for x in d['related']:
            if x.get('line'):
                check(f'    - {x["label"]} ({x["line"]}:{x["column"]})' in out, f'related line for {x["label"]}')
    # --quiet: only diagnostic lines
    q = run('check', '--quiet', *files).stdout.decode('utf-8').splitlines()
    total = sum(len(res['diagnostics']) for res in results)
    check(len(q) == total, f'--quiet gave {len(q)} lines for {total} diagnostics')
    check(all(LINE.match(ln) or re.match(r'^.+?: (error|warning|info): NB\d{4}: ', ln) for ln in q),
          'a --quiet line is not a diagnostic line')


@case
def colour():
    # stdout is a pipe here, so colours must stay off; with a pseudo-terminal they come on
    import pty
    f = corpus_files()[0]
    for env, want in (({}, True), ({'NO_COLOR': '1'}, False)):
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(env)
            os.execv(CLI, [CLI, 'check', str(f)])
        chunks = []
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.waitpid(pid, 0)
        out = b''.join(chunks)
        check((b'\x1b[' in out) == want, f'colour with {env or "a terminal"}: expected {want}')


# ------------------------------------------------------------------ inputs

@case
def stdin_input():
    f = corpus_files()[0]
    by_path = json_lines(run('check', '--format', 'json', f).stdout)[0]
    r = run('check', '--format', 'json', '-', stdin=f.read_bytes())
    check(r.returncode in (0, 1), f'exit {r.returncode}')
    got = json_lines(r.stdout)
    check(len(got) == 1 and got[0]['file'] == '<stdin>', 'stdin result file name')
    got[0]['file'] = by_path['file']
    check(got[0] == by_path, 'stdin and file give different results')
    r = run('check', '-', stdin=f.read_bytes())
    check(r.stdout.decode('utf-8').startswith('== <stdin>'), 'text header for stdin')


@case
def directory_walk():
    files = corpus_files()
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp) / 'reports'
        (root / 'b' / 'deep').mkdir(parents=True)
        (root / 'a').mkdir()
        shutil.copy(files[0], root / 'b' / 'deep' / 'z.txt')
        shutil.copy(files[1], root / 'a' / 'y.TXT')
        (root / 'a' / 'page.html').write_bytes(b'<html><body><p>\xe4\xb8\x80\xe3\x80\x81</p></body></html>')
        shutil.copy(files[2], root / 'm.htm')
        (root / 'notes.md').write_text('ignored')
        (root / 'a' / 'gone.txt').symlink_to(root / 'nowhere.txt')          # dangling link
        with open(root / 'b' / 'huge.txt', 'wb') as h:                       # sparse, > 256 MB
            h.truncate(300 << 20)
        unreadable = root / 'b' / 'secret.txt'
        shutil.copy(files[0], unreadable)
        unreadable.chmod(0)
        is_root = os.geteuid() == 0
        r = run('check', '--format', 'jsonl', root)
        check(r.returncode == 2, f'exit {r.returncode}, expected 2 (unreadable files)')
        got = [o['file'] for o in json_lines(r.stdout)]
        want = sorted(str(p) for p in [root / 'b' / 'deep' / 'z.txt', root / 'a' / 'y.TXT',
                                       root / 'a' / 'page.html', root / 'm.htm'] + ([unreadable] if is_root else []))
        check(got == want, f'walk gave {got}, expected {want}')
        err = bilingual(r.stderr)
        bad = [root / 'a' / 'gone.txt', root / 'b' / 'huge.txt'] + ([] if is_root else [unreadable])
        for p in bad:
            check(f'{p}: ' in err, f'{p} not reported on stderr: {err!r}')
        check(len(err.strip().splitlines()) == len(bad), f'stderr: {err!r}')
        # text: the summary counts the unreadable ones, and the batch went on
        r = run('check', '--lang', 'en', root)
        check(r.returncode == 2, 'text: exit 2')
        check(f'{len(want) + len(bad)} files:' in r.stdout.decode() and f'{len(bad)} unreadable' in r.stdout.decode(),
              'summary counts unreadable files')
        # a directory with nothing to check
        empty = pathlib.Path(tmp) / 'empty'
        empty.mkdir()
        r = run('check', empty)
        check(r.returncode == 2 and r.stdout == b'', 'empty directory: exit 2')
        bilingual(r.stderr)
        # a missing path next to a good one: reported, the good one still checked
        r = run('check', '--format', 'json', pathlib.Path(tmp) / 'missing.txt', files[0])
        check(r.returncode == 2 and len(json_lines(r.stdout)) == 1, 'missing + good file')


@case
def exit_codes():
    files = corpus_files()
    results = results_of(files)
    for res, f in zip(results, files):
        sevs = {d['severity'] for d in res['diagnostics']}
        for fail_on, levels in (('error', {'error'}), ('warning', {'error', 'warning'}),
                                ('info', {'error', 'warning', 'info'}), ('none', set())):
            want = 1 if sevs & levels else 0
            got = run('check', '--fail-on', fail_on, '--format', 'json', f).returncode
            check(got == want, f'{f.name} --fail-on {fail_on}: exit {got}, expected {want}')
        check(run('check', f).returncode == (1 if 'error' in sevs else 0), 'default --fail-on error')


@case
def output_file():
    files = corpus_files()
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / 'out.json'
        r = run('check', '--format', 'json', '-o', out, *files)
        check(r.stdout == b'', '-o: stdout must stay empty')
        check(out.read_bytes() == run('check', '--format', 'json', *files).stdout, '-o content')
        r = run('check', '-o', pathlib.Path(tmp) / 'no' / 'such' / 'dir.txt', files[0])
        check(r.returncode == 2, f'unwritable -o: exit {r.returncode}')
        bilingual(r.stderr)


@case
def language():
    f = corpus_files()
    results = results_of(f)
    zh = run('check', '--quiet', '--lang', 'zh', *f).stdout.decode()
    en = run('check', '--quiet', '--lang', 'en', *f).stdout.decode()
    msgs = [d['message'] for res in results for d in res['diagnostics']]
    check(all(m['en'].replace('\n', ' ') in en for m in msgs), '--lang en')
    check(all(m['zh'].replace('\n', ' ') in zh for m in msgs), '--lang zh')
    # default follows LANG: zh for zh_CN or C, en for other languages; --lang wins
    check(run('check', '--quiet', *f, env={'LANG': 'en_US.UTF-8'}).stdout.decode() == en, 'LANG=en_US')
    check(run('check', '--quiet', *f, env={'LANG': 'zh_CN.UTF-8'}).stdout.decode() == zh, 'LANG=zh_CN')
    check(run('check', '--quiet', *f, env={'LANG': 'C'}).stdout.decode() == zh, 'LANG=C')
    check(run('check', '--quiet', '--lang', 'zh', *f, env={'LC_ALL': 'de_DE.UTF-8'}).stdout.decode() == zh,
          '--lang over LC_ALL')


@case
def progress_not_piped():
    f = corpus_files()
    r = run('check', '--progress', '--format', 'json', *f)
    check(r.stderr == b'', f'--progress wrote to a piped stderr: {r.stderr[:100]!r}')


# ------------------------------------------------------------------ robustness

@case
def odd_inputs():
    f = corpus_files()[0]
    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        (t / 'empty.txt').write_bytes(b'')
        rnd = random.Random(20240601)
        (t / 'junk.txt').write_bytes(bytes(rnd.randrange(256) for _ in range(200_000)))
        (t / 'nul.txt').write_bytes(b'\0' * 10_000)
        (t / 'bom-only.txt').write_bytes(b'\xef\xbb\xbf')
        for name in ('empty.txt', 'junk.txt', 'nul.txt', 'bom-only.txt'):
            r = run('check', '--format', 'json', t / name, timeout=60)
            check(r.returncode in (0, 1), f'{name}: exit {r.returncode} {r.stderr!r}')
            check(len(json_lines(r.stdout)) == 1, f'{name}: one JSON line')
        r = run('check', '--format', 'json', '/dev/null', timeout=60)
        check(r.returncode in (0, 1) and json_lines(r.stdout)[0]['input']['bytes'] == 0, '/dev/null')
        # a FIFO with a writer is read; one without a writer is given up on, not waited for forever
        fifo = t / 'pipe.txt'
        os.mkfifo(fifo)
        data = f.read_bytes()
        def writer():
            time.sleep(0.5)
            with open(fifo, 'wb') as w:
                w.write(data)
        th = threading.Thread(target=writer)
        th.start()
        r = run('check', '--format', 'json', fifo, timeout=60)
        th.join()
        check(r.returncode in (0, 1), f'fifo: exit {r.returncode}')
        check(json_lines(r.stdout)[0]['input']['bytes'] == len(data), 'fifo: all bytes read')
        start = time.monotonic()
        r = run('check', fifo, timeout=60)
        check(r.returncode == 2 and time.monotonic() - start < 30, 'fifo without a writer')
        bilingual(r.stderr)
        # a FIFO met during a directory walk is skipped, not opened
        r = run('check', '--format', 'json', t, timeout=60)
        check(r.returncode == 2 and f'{fifo}: ' in r.stderr.decode(), 'fifo in a walk is reported')


@case
def big_file():
    f = corpus_files()[0]
    with tempfile.TemporaryDirectory() as tmp:
        big = pathlib.Path(tmp) / 'big.txt'
        data = f.read_bytes()
        with open(big, 'wb') as h:
            for _ in range((50 << 20) // len(data) + 1):
                h.write(data)
        start = time.monotonic()
        r = run('check', '--format', 'json', big, timeout=300)
        check(r.returncode in (0, 1), f'50 MB: exit {r.returncode} {r.stderr[:300]!r}')
        res = json_lines(r.stdout)
        check(len(res) == 1 and res[0]['input']['bytes'] == big.stat().st_size, '50 MB: one result, all bytes')
        print(f'50 MB file: {time.monotonic() - start:.1f} s')


@case
def thousand_files():
    files = corpus_files()
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        names = []
        for i in range(1000):
            sub = root / f'd{i % 7}'
            sub.mkdir(exist_ok=True)
            p = sub / f'r{i:04d}.txt'
            shutil.copy(files[i % len(files)], p)
            names.append(str(p))
        start = time.monotonic()
        r = run('check', '--format', 'jsonl', root, timeout=600)
        took = time.monotonic() - start
        check(r.returncode in (0, 1), f'exit {r.returncode} {r.stderr[:300]!r}')
        got = [o['file'] for o in json_lines(r.stdout)]
        check(got == sorted(names), 'all 1000 files, sorted')
        r1 = run('check', '--format', 'csv', '-j', '1', root, timeout=600)
        r2 = run('check', '--format', 'csv', root, timeout=600)
        check(r1.stdout == r2.stdout and r1.stdout.count(b'\r\n') == 1001, 'csv -j1 equals parallel, 1001 rows')
        print(f'1000 files: {took:.1f} s')


# ------------------------------------------------------------------ compare
# `nianbao compare LAST THIS`: pairs made from a real report (tests/corpus/102_*,
# 上海市人民政府办公厅 2025) and a "next year" copy with the year moved on and the
# 表三 上年结转 row carried (or not) from the original's 结转下年度 row.

CARRIED_OVER = '| 二、上年结转政府信息公开申请数量 | 170 | 15 | 0 | 0 | 4 | 0 | 189 |'
CARRIED_ON = '| 二、上年结转政府信息公开申请数量 | 290 | 3 | 0 | 0 | 0 | 0 | 293 |'


def compare_pair(tmp):
    """(last, matching next year, mismatching next year, two years later) as paths."""
    found = sorted(CORPUS.glob('102_*.txt'))
    if not found:
        raise Skip(f'no 102_*.txt in {CORPUS}')
    last = found[0]
    text = last.read_text('utf-8')
    check(CARRIED_OVER in text, '102 no longer prints its 上年结转 row as expected')
    tmp = pathlib.Path(tmp)
    paths = {}
    for name, body in (('good_2026.txt', text.replace('2025', '2026').replace(CARRIED_OVER, CARRIED_ON)),
                       ('bad_2026.txt', text.replace('2025', '2026')),
                       ('gap_2027.txt', text.replace('2025', '2027').replace(CARRIED_OVER, CARRIED_ON))):
        (tmp / name).write_text(body, 'utf-8')
        paths[name] = tmp / name
    return last, paths['good_2026.txt'], paths['bad_2026.txt'], paths['gap_2027.txt']


def compare_json_of(*args):
    r = run('compare', '--format', 'json', *args)
    check(r.returncode in (0, 1), f'compare {args}: exit {r.returncode} {r.stderr[:300]!r}')
    lines = r.stdout.decode('utf-8').splitlines()
    check(len(lines) == 1, f'compare --format json printed {len(lines)} lines')
    return json.loads(lines[0]), r.returncode


@case
def compare_json():
    with tempfile.TemporaryDirectory() as tmp:
        last, good, bad, gap = compare_pair(tmp)
        doc, code = compare_json_of(last, bad)
        check(doc['schema'] == 'nianbao-compare/1', f'schema {doc["schema"]}')
        check(doc['last']['file'] == str(last) and doc['this']['file'] == str(bad), 'file names')
        check(doc['last']['report']['year'] == 2025 and doc['this']['report']['year'] == 2026, 'years')
        status = {c['id']: c['status'] for c in doc['checks']}
        for col in ('natural', 'commercial', 'legal', 'total'):
            check(status[f'compare.carry/{col}'] == 'fail', f'carry/{col} should fail')
        for col in ('research', 'social', 'other_org'):
            check(status[f'compare.carry/{col}'] == 'pass', f'carry/{col} should pass')
        check(status['compare.consecutive'] == 'pass' and status['compare.same_body'] == 'pass', 'preconditions')
        fails = [d for d in doc['diagnostics'] if d['rule'] == 'NB0901']
        check(len(fails) == 4 and code == 1, f'{len(fails)} NB0901, exit {code}')
        texts = {'this': bad.read_bytes(), 'last': last.read_bytes()}
        for d in fails:
            check(d['file'] == 'this' and d['severity'] == 'error', 'NB0901 is an error on this year')
            cell = texts['this'][d['start']:d['end']].decode('utf-8')
            rel = d['related'][0]
            check(rel['file'] == 'last', 'related location is in last year')
            prev = texts['last'][rel['start']:rel['end']].decode('utf-8')
            check(cell in d['message']['zh'] and prev in d['message']['zh'] and prev in d['message']['en'],
                  f'message names both numbers {cell} and {prev}: {d["message"]}')
        check(doc['summary']['errors'] == 4, f'summary {doc["summary"]}')

        doc, code = compare_json_of(last, good)
        check(code == 0 and all(c['status'] == 'pass' for c in doc['checks'] if c['id'].startswith('compare.carry/')),
              'the matching pair passes every carry check')
        doc, code = compare_json_of(last, gap)
        status = {c['id']: c['status'] for c in doc['checks']}
        check(status['compare.consecutive'] == 'fail' and status['compare.carry/total'] == 'skip', '2025 → 2027')
        check([d['rule'] for d in doc['diagnostics'] if d['severity'] != 'info'] == ['NB0904'], 'only NB0904')


@case
def compare_text():
    with tempfile.TemporaryDirectory() as tmp:
        last, good, bad, gap = compare_pair(tmp)
        doc, _ = compare_json_of(last, bad)
        names = {'last': str(last), 'this': str(bad)}
        for lang in ('zh', 'en'):
            r = run('compare', '--lang', lang, last, bad)
            check(r.returncode == 1, f'{lang}: exit {r.returncode}')
            out = r.stdout.decode('utf-8')
            check('\x1b[' not in out, 'colour codes in piped output')
            lines = out.splitlines()
            check(lines[0].startswith('== ') and str(last) in lines[0] and str(bad) in lines[0], f'header {lines[0]!r}')
            for d in doc['diagnostics']:
                want = f'{names[d["file"]]}:{d["line"]}:{d["column"]}: {d["severity"]}: {d["rule"]}: '
                hit = [ln for ln in lines if ln.startswith(want) and d['message'][lang].replace('\n', ' ') in ln]
                check(hit, f'{lang}: no line {want!r} with its message')
                for rel in d.get('related', []):
                    if rel['line']:
                        detail = f'    - {rel["label"]} ({names[rel["file"]]}:{rel["line"]}:{rel["column"]})'
                        check(detail in lines, f'no related line {detail!r}')
        q = run('compare', '-q', last, bad).stdout.decode('utf-8').splitlines()
        check(len(q) == len(doc['diagnostics']) and all(LINE.match(ln) for ln in q),
              f'--quiet: {len(q)} lines for {len(doc["diagnostics"])} diagnostics')
        r = run('compare', '-o', pathlib.Path(tmp) / 'out.txt', last, bad)
        check(r.returncode == 1 and r.stdout == b'', '-o writes the file, not stdout')
        check((pathlib.Path(tmp) / 'out.txt').read_bytes() == run('compare', last, bad).stdout, '-o content')
        r = run('compare', '-', bad, stdin=last.read_bytes())
        same = run('compare', last, bad).stdout.decode('utf-8')
        check(r.returncode == 1 and r.stdout.decode('utf-8').replace('<stdin>', str(last)) == same,
              'last year from standard input: the same findings, named <stdin>')


@case
def compare_exit_codes():
    with tempfile.TemporaryDirectory() as tmp:
        last, good, bad, gap = compare_pair(tmp)
        expect = [((last, good), 0), ((last, bad), 1), (('--fail-on', 'none', last, bad), 0),
                  ((last, gap), 0), (('--fail-on', 'warning', last, gap), 1),
                  (('--fail-on', 'info', last, good), 1)]  # 102 prints no in-force counts: NB0905 notes
        for args, code in expect:
            r = run('compare', *args)
            check(r.returncode == code, f'compare {args}: exit {r.returncode}, expected {code}')
        for args in ((last, pathlib.Path(tmp) / 'absent.txt'), (tmp, good)):
            r = run('compare', *args)
            check(r.returncode == 2 and r.stdout == b'', f'compare {args}: exit {r.returncode}')
            bilingual(r.stderr)


@case
def compare_usage():
    f = corpus_files()[0]
    out = run('--help').stdout.decode('utf-8')
    check('nianbao compare' in out and 'LAST THIS' in out, 'help lacks the compare command')
    bad = {
        'one file': ['compare', f],
        'three files': ['compare', f, f, f],
        'csv': ['compare', '--format', 'csv', f, f],
        'sarif': ['compare', '--format=sarif', f, f],
        'jobs': ['compare', '-j', '2', f, f],
        'progress': ['compare', '--progress', f, f],
        'stdin twice': ['compare', '-', '-'],
    }
    for name, args in bad.items():
        r = run(*args)
        check(r.returncode == 2 and r.stdout == b'', f'{name}: exit {r.returncode}')
        text = bilingual(r.stderr)
        check('--help' in text, f'{name}: no pointer to --help')


def main():
    global CLI, CORPUS, ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument('cli')
    ap.add_argument('case', choices=sorted(CASES))
    here = pathlib.Path(__file__).resolve().parent
    ap.add_argument('--corpus', default=str(here.parent / 'corpus'))
    ap.add_argument('--contract-check', default='/work/shared/tools/contract-check')
    ARGS = ap.parse_args()
    CLI = os.path.abspath(ARGS.cli)
    CORPUS = pathlib.Path(ARGS.corpus)
    if not CORPUS.is_dir() or not any(CORPUS.glob('*.txt')):
        CORPUS = pathlib.Path('/work/shared/seeds')
    try:
        CASES[ARGS.case]()
    except Skip as e:
        print(f'SKIP {ARGS.case}: {e}')
        return 77
    except AssertionError as e:
        print(f'FAIL {ARGS.case}: {e}')
        return 1
    print(f'ok {ARGS.case}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
