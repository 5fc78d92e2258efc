// The codebox console: a page that drives one session through the public API only (REST for
// sessions and files, the session's WebSocket for runs and for other participants' changes).
'use strict';

const $ = (id) => document.getElementById(id);

const state = {
  session: null, // the open session's id
  socket: null, // its WebSocket
  open: null, // the path of the file in the editor
  saved: '', // the editor's content as last loaded or saved
  run: null, // the requestId of the run in progress
  runs: 0,
  // Changes this page made through REST, which the WebSocket reports back like anyone's:
  // `path@lastModified`, or `path@deleted`.
  own: new Set(),
};

// ---- the API

function credential() {
  return $('credential').value.trim();
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (credential()) headers.Authorization = `Bearer ${credential()}`;
  const answer = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  const json = text ? JSON.parse(text) : null;
  if (!answer.ok) {
    const error = json && json.error;
    throw new Error(error ? `${error.code}: ${error.message}` : `HTTP ${answer.status}`);
  }
  return json;
}

function filePath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

function status(text) {
  $('status').textContent = text;
}

function report(error) {
  status(String(error.message || error));
}

// ---- syntax highlighting (keywords, strings, numbers, comments)

const KEYWORDS = {
  python: 'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self print',
  javascript: 'async await break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof let new null return static super switch this throw true try typeof undefined var void while yield require console',
  java: 'abstract boolean break byte case catch char class continue default do double else enum extends final finally float for if implements import instanceof int interface long new null package private protected public return short static super switch this throw throws true false try var void while String System',
};
const COMMENTS = {
  python: /#[^\n]*/,
  javascript: /\/\/[^\n]*|\/\*[\s\S]*?\*\//,
  java: /\/\/[^\n]*|\/\*[\s\S]*?\*\//,
};
const STRINGS = /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/;

function languageOf(path) {
  if (/\.py$/.test(path)) return 'python';
  if (/\.(m?js|cjs)$/.test(path)) return 'javascript';
  if (/\.java$/.test(path)) return 'java';
  return null;
}

function escapeHtml(text) {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
}

function highlight(code, language) {
  if (!language) return `${escapeHtml(code)}\n`;
  const keywords = new Set(KEYWORDS[language].split(' '));
  const tokens = new RegExp(
    `(${COMMENTS[language].source})|(${STRINGS.source})|(\\b\\d+(?:\\.\\d+)?\\b)|([A-Za-z_$][\\w$]*)`,
    'g',
  );
  let html = '';
  let last = 0;
  for (const match of code.matchAll(tokens)) {
    const [text, comment, string, number, word] = match;
    html += escapeHtml(code.slice(last, match.index));
    if (comment) html += `<span class="com">${escapeHtml(text)}</span>`;
    else if (string) html += `<span class="str">${escapeHtml(text)}</span>`;
    else if (number) html += `<span class="num">${text}</span>`;
    else if (keywords.has(word)) html += `<span class="kw">${text}</span>`;
    else html += escapeHtml(text);
    last = match.index + text.length;
  }
  // The trailing newline keeps the last line's height when the code ends with one.
  return `${html}${escapeHtml(code.slice(last))}\n`;
}

function repaint() {
  const code = $('code');
  $('highlight').innerHTML = highlight(code.value, state.open && languageOf(state.open));
  $('highlight').scrollTop = code.scrollTop;
  $('highlight').scrollLeft = code.scrollLeft;
}

// ---- sessions and files

async function newSession() {
  const session = await api('POST', '/sessions', { templateId: 'console' });
  await openSession(session.sessionId);
}

async function openSession(id) {
  await api('GET', `/sessions/${encodeURIComponent(id)}`);
  state.session = id;
  state.open = null;
  $('session-id').value = id;
  history.replaceState(null, '', `#session=${id}`);
  $('new-file').disabled = false;
  closeFile();
  await listFiles();
  connect();
}

async function listFiles() {
  const files = await api('GET', `/sessions/${state.session}/files`);
  const list = $('files');
  list.textContent = '';
  for (const file of files) {
    const item = document.createElement('li');
    item.textContent = file.filePath;
    item.dataset.path = file.filePath;
    item.classList.toggle('open', file.filePath === state.open);
    item.addEventListener('click', () => openFile(file.filePath).catch(report));
    list.append(item);
  }
}

async function openFile(path) {
  const file = await api('GET', `/sessions/${state.session}/files/${filePath(path)}`);
  state.open = path;
  state.saved = file.content;
  $('code').value = file.content;
  $('code').disabled = false;
  $('file-name').textContent = path;
  for (const id of ['save', 'delete', 'run']) $(id).disabled = false;
  for (const item of $('files').children) item.classList.toggle('open', item.dataset.path === path);
  repaint();
}

function closeFile() {
  state.open = null;
  state.saved = '';
  $('code').value = '';
  $('code').disabled = true;
  $('file-name').textContent = 'no file open';
  for (const id of ['save', 'delete', 'run']) $(id).disabled = true;
  repaint();
}

async function newFile() {
  const path = prompt('Path of the new file', 'main.py');
  if (!path) return;
  const file = await api('POST', `/sessions/${state.session}/files`, { filePath: path, content: '' });
  state.own.add(`${file.filePath}@${file.lastModified}`);
  await listFiles();
  await openFile(path);
}

async function save() {
  const content = $('code').value;
  const file = await api('PUT', `/sessions/${state.session}/files/${filePath(state.open)}`, { content });
  state.own.add(`${file.filePath}@${file.lastModified}`);
  state.saved = content;
  status(`saved ${state.open}`);
}

async function deleteFile() {
  if (!confirm(`Delete ${state.open}?`)) return;
  state.own.add(`${state.open}@deleted`);
  await api('DELETE', `/sessions/${state.session}/files/${filePath(state.open)}`);
  closeFile();
  await listFiles();
}

// ---- the WebSocket: runs, and changes made by others

function connect() {
  if (state.socket) state.socket.onclose = null;
  if (state.socket) state.socket.close();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = credential() ? `?token=${encodeURIComponent(credential())}` : '';
  const socket = new WebSocket(`${scheme}://${location.host}/api/v1/sessions/${state.session}/ws${token}`);
  state.socket = socket;
  socket.onmessage = (event) => receive(JSON.parse(event.data));
  socket.onclose = () => {
    document.body.dataset.connected = 'false';
    status('disconnected; reconnecting');
    setTimeout(() => state.socket === socket && connect(), 1000);
  };
}

function receive(message) {
  switch (message.type) {
    case 'connected':
      document.body.dataset.connected = 'true';
      status(`session ${message.sessionId}: connected`);
      break;
    case 'file-changed':
      changedElsewhere(message).catch(report);
      break;
    case 'execution-started':
      write(`[${message.language}: ${message.fileName}]\n`, 'end');
      break;
    case 'execution-output':
      write(message.data, message.stream);
      break;
    case 'output-dropped':
      write(`[${message.stdoutBytes} bytes of stdout and ${message.stderrBytes} of stderr dropped]\n`, 'end');
      break;
    case 'test-case-result':
      verdict(message.result);
      break;
    case 'execution-result':
      finished(message.result);
      break;
    case 'error':
      if (message.error.code === 'events_lost') {
        listFiles().catch(report);
      } else {
        write(`${message.error.code}: ${message.error.message}\n`, 'stderr');
        if (message.requestId && message.requestId === state.run) running(false);
      }
      break;
    default:
      break;
  }
}

async function changedElsewhere(change) {
  const key = `${change.filePath}@${change.file ? change.file.lastModified : 'deleted'}`;
  if (state.own.delete(key)) return;
  await listFiles();
  if (change.filePath !== state.open) return;
  if (change.change === 'deleted') {
    closeFile();
    status(`${change.filePath} was deleted by another participant`);
  } else if ($('code').value === state.saved) {
    await openFile(change.filePath);
    status(`${change.filePath} was changed by another participant`);
  } else {
    status(`${change.filePath} was changed by another participant; saving will overwrite it`);
  }
}

function write(text, stream) {
  const span = document.createElement('span');
  span.className = stream;
  span.textContent = text;
  $('output').append(span);
  $('output').scrollTop = $('output').scrollHeight;
}

function verdict(result) {
  const item = document.createElement('li');
  item.className = result.passed ? 'passed' : 'failed';
  item.textContent = `${result.verdict} (${result.executionTime.toFixed(1)} ms)`;
  if (result.diff) {
    const diff = document.createElement('pre');
    diff.textContent = result.diff;
    item.append(diff);
  }
  $('verdicts').append(item);
}

function finished(record) {
  const code = record.exitCode === null || record.exitCode === undefined ? '' : `, exit ${record.exitCode}`;
  write(`[${record.termination}${code}, ${record.executionTime.toFixed(1)} ms]\n`, 'end');
  running(false);
}

function running(on) {
  $('run').disabled = on || !state.open;
  $('cancel').disabled = !on;
  if (!on) state.run = null;
}

async function run() {
  if ($('code').value !== state.saved) await save();
  const message = { type: 'code-execution', requestId: `run-${++state.runs}`, fileName: state.open };
  if ($('stdin').value) message.stdin = $('stdin').value;
  const cases = $('cases').value.trim();
  if (cases) {
    try {
      message.testCases = JSON.parse(cases);
    } catch (error) {
      write(`test cases are not JSON: ${error.message}\n`, 'stderr');
      return;
    }
  }
  $('output').textContent = '';
  $('verdicts').textContent = '';
  state.run = message.requestId;
  running(true);
  state.socket.send(JSON.stringify(message));
}

function cancel() {
  if (!state.run) return;
  state.socket.send(JSON.stringify({ type: 'cancel', requestId: `cancel-${state.run}`, target: state.run }));
}

// ---- wiring

$('new-session').addEventListener('click', () => newSession().catch(report));
$('open-session').addEventListener('click', () => openSession($('session-id').value.trim()).catch(report));
$('new-file').addEventListener('click', () => newFile().catch(report));
$('save').addEventListener('click', () => save().catch(report));
$('delete').addEventListener('click', () => deleteFile().catch(report));
$('run').addEventListener('click', () => run().catch(report));
$('cancel').addEventListener('click', cancel);
$('code').addEventListener('input', repaint);
$('code').addEventListener('scroll', repaint);
$('code').addEventListener('keydown', (event) => {
  if (event.key === 'Tab') {
    event.preventDefault();
    document.execCommand('insertText', false, '    ');
  } else if ((event.ctrlKey || event.metaKey) && event.key === 's') {
    event.preventDefault();
    save().catch(report);
  }
});
$('credential').value = sessionStorage.getItem('codebox-credential') || '';
$('credential').addEventListener('change', () => sessionStorage.setItem('codebox-credential', credential()));

const opened = /^#session=([0-9a-f-]+)$/.exec(location.hash);
if (opened) openSession(opened[1]).catch(report);
