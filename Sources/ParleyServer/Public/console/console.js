// The operator console: login, the conversation list, the active chat, drafts, transcripts. Wires ConsoleAPI
// (HTTP + CSRF), Connection (WebSocket with resend/de-dup), ConsoleState (model) and views (DOM).

import { Connection, Outbox, SeqTracker, encode, socketURL } from '../widget/connection.js';
import { negotiate, translator, languageName } from '../widget/i18n.js';
import { OPERATOR_PATHS, encodeOperator } from './operator-protocol.js';
import { ConsoleAPI } from './api.js';
import { ConsoleState, formatWait } from './state.js';
import { CONSOLE_TEXTS } from './texts.js';
import { transcriptHTML, transcriptText } from './transcript.js';
import { listRow, messageItem, visitorCard } from './views.js';

const $ = (id) => document.getElementById(id);
const api = new ConsoleAPI();
const state = new ConsoleState(sessionStorage);
const rows = new Map();
const ui = {};
let lang = negotiate(navigator.languages);
let t = translator(lang, CONSOLE_TEXTS);
let operator = null;
let connection = null;
let activeId = null;
let typingSentAt = 0;

function applyTexts() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  document.title = t('appTitle');
}

async function init() {
  for (const id of ['login', 'app', 'login-form', 'login-error', 'conversations', 'empty', 'chat', 'chat-title', 'chat-wait',
    'messages', 'typing', 'placeholder', 'chat-body', 'composer', 'reply', 'reply-label', 'reply-hint', 'visitor', 'queue', 'conn', 'me', 'notice']) ui[id] = $(id);
  wire();
  applyTexts();
  const session = await api.session().catch(() => null);
  if (session) start(session);
  else showLogin();
}

function showLogin() {
  ui.app.hidden = true;
  ui.login.hidden = false;
  $('login-name').focus();
}

function wire() {
  ui['login-form'].addEventListener('submit', async (e) => {
    e.preventDefault();
    ui['login-error'].textContent = '';
    try {
      start(await api.login($('login-name').value.trim(), $('login-password').value));
    } catch {
      ui['login-error'].textContent = t('signInFailed');
    }
  });
  $('logout').addEventListener('click', async () => {
    await api.logout().catch(() => {});
    connection?.stop();
    location.reload();
  });
  ui.conversations.addEventListener('click', (e) => {
    const button = e.target.closest('button.conv');
    if (button) select(button.dataset.id);
  });
  ui.composer.addEventListener('submit', (e) => (e.preventDefault(), send()));
  ui.reply.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) (e.preventDefault(), send());
  });
  ui.reply.addEventListener('input', () => {
    if (!activeId) return;
    state.setDraft(activeId, ui.reply.value);
    if (Date.now() - typingSentAt > 2500) (typingSentAt = Date.now()), connection?.sendFrame(encode.typing(true, activeId));
  });
  $('download-text').addEventListener('click', () => download('txt'));
  $('download-html').addEventListener('click', () => download('html'));
  $('close-conversation').addEventListener('click', closeActive);
  setInterval(renderList, 1000);
}

async function start(session) {
  operator = session.operator;
  lang = operator.language || lang;
  t = translator(lang, CONSOLE_TEXTS);
  applyTexts();
  ui.login.hidden = true;
  ui.app.hidden = false;
  ui.me.textContent = `${operator.name || operator.login} · ${languageName(lang, lang)}`;
  for (const summary of await api.conversations().catch(() => [])) state.upsert(summary);
  renderList();
  connection = new Connection({
    url: () => socketURL(location.href, OPERATOR_PATHS.socket),
    createSocket: (url) => new WebSocket(url),
    outbox: new Outbox(sessionStorage, `parley.console.${operator.id}.outbox`),
    seqs: new SeqTracker(),
    onOpen: (c) => state.items.forEach((item) => item.summary?.status !== 'closed' && join(c, item.id)),
    onEvent,
  });
  connection.start();
  const first = state.list(Date.now())[0];
  if (first) select(first.id);
}

function join(c, id) {
  c.sendFrame(encode.join(state.lastSeq(id), id));
}

function onEvent(event) {
  const item = event.conversationId ? state.get(event.conversationId) : null;
  switch (event.kind) {
    case 'status':
      ui.conn.textContent = event.state === 'open' ? t('online') : t('offline');
      ui.conn.className = `conn ${event.state === 'open' ? 'ok' : 'down'}`;
      if (event.state === 'closed') showLogin();
      return;
    case 'conversation': {
      const known = state.get(event.conversation.id);
      const updated = state.upsert(event.conversation);
      if (updated && !known && updated.summary.status !== 'closed') join(connection, updated.id);
      if (updated?.id === activeId) renderVisitor();
      return renderList();
    }
    case 'joined':
      if (item) Object.assign(item.summary, { status: event.status || item.summary.status, visitor: event.visitor ?? item.summary.visitor });
      if (event.conversationId === activeId) renderVisitor();
      return renderList();
    case 'message': return onMessage(event.message);
    case 'translation': {
      const m = state.applyTranslation(event.conversationId, event.seq, event.translation, event.status);
      if (m && event.conversationId === activeId) replaceMessage(m);
      return renderList();
    }
    case 'typing':
      if (item && event.role === 'visitor') item.typing = event.active ? { name: event.name, until: Date.now() + 6000 } : null;
      return renderTyping();
    case 'language':
      if (item && event.role === 'visitor') item.summary.visitor = { ...(item.summary.visitor ?? {}), language: event.language };
      if (event.conversationId === activeId) renderVisitor();
      return renderList();
    case 'queue':
      ui.queue.textContent = t('queue', { waiting: event.waiting, online: event.operatorsOnline });
      return;
    case 'error':
      ui.notice.textContent = t('error', { message: event.message || event.code });
  }
}

function onMessage(message) {
  state.addMessage(message);
  if (message.conversationId === activeId) {
    ui.messages.querySelector(`[data-client="${CSS.escape(message.clientMessageId ?? '')}"]`)?.remove();
    replaceMessage(message);
    markRead();
  }
  renderList();
}

function ctx() {
  return {
    t, lang, state, activeId, now: Date.now(),
    onCorrect: (seq, code) => {
      connection.sendFrame(encodeOperator.correctLanguage(seq, code, activeId));
      const corrected = state.correctLanguage(activeId, seq, code);
      if (corrected) replaceMessage(corrected);
      ui.notice.textContent = t('correctionSent', { language: languageName(code, lang) });
    },
    onRetry: (seq) => connection.sendFrame(encodeOperator.retryTranslation(seq, activeId)),
  };
}

function renderList() {
  const c = ctx();
  const items = state.list(c.now);
  ui.empty.hidden = items.length > 0;
  items.forEach((item, index) => {
    const row = listRow(document, rows.get(item.id), item, c);
    rows.set(item.id, row);
    if (ui.conversations.children[index] !== row) ui.conversations.insertBefore(row, ui.conversations.children[index] ?? null);
  });
  for (const [id, row] of rows) if (!items.some((i) => i.id === id)) (row.remove(), rows.delete(id));
  const unread = items.reduce((n, i) => n + state.unread(i.id), 0);
  document.title = unread ? `(${unread}) ${t('appTitle')}` : t('appTitle');
  const wait = activeId ? state.waiting(activeId, c.now) : null;
  ui['chat-wait'].textContent = wait ? t('waiting', { time: formatWait(wait.seconds) }) : '';
  ui['chat-wait'].className = `wait ${wait?.level ?? ''}`;
  renderTyping();
}

function select(id) {
  if (!state.get(id)) return;
  if (activeId) state.setDraft(activeId, ui.reply.value);
  activeId = id;
  ui['chat-body'].hidden = false;
  ui.placeholder.hidden = true;
  ui.messages.replaceChildren(...state.messages(id).map((m) => messageNode(m)));
  ui.reply.value = state.draft(id);
  renderVisitor();
  markRead();
  renderList();
  ui.messages.scrollTop = ui.messages.scrollHeight;
  ui.reply.focus();
}

function messageNode(message) {
  const node = messageItem(document, message, ctx());
  node.dataset.seq = String(message.seq);
  return node;
}

function replaceMessage(message) {
  const old = ui.messages.querySelector(`[data-seq="${message.seq}"]`);
  const node = messageNode(message);
  if (old) old.replaceWith(node);
  else {
    const after = [...ui.messages.children].find((n) => Number(n.dataset.seq) > message.seq);
    ui.messages.insertBefore(node, after ?? null);
  }
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function renderVisitor() {
  const item = state.get(activeId);
  if (!item) return;
  const visitorLanguage = languageName(item.summary.visitor?.language || 'und', lang);
  ui['chat-title'].textContent = item.summary.visitor?.name || t('visitor');
  ui['reply-label'].textContent = t('reply', { language: languageName(lang, lang) });
  ui['reply-hint'].textContent = t('replyHint', { language: visitorLanguage });
  ui.visitor.replaceChildren(visitorCard(document, item, ctx()));
}

function renderTyping() {
  const item = state.get(activeId);
  const typing = item?.typing && item.typing.until > Date.now() ? item.typing : null;
  ui.typing.textContent = typing ? t('typing', { name: typing.name || t('visitor') }) : '';
}

function markRead() {
  if (!activeId || document.hidden) return;
  const seq = state.markRead(activeId);
  if (seq) connection?.sendFrame(encode.read(seq, activeId));
}

function send() {
  const text = ui.reply.value.trim();
  if (!text || !activeId) return;
  const item = connection.sendMessage(text, activeId);
  const pending = messageItem(document, { role: 'operator', text, language: lang, pending: true, author: t('you') }, ctx());
  pending.dataset.client = item.clientMessageId;
  ui.messages.appendChild(pending);
  ui.messages.scrollTop = ui.messages.scrollHeight;
  ui.reply.value = '';
  state.setDraft(activeId, '');
  typingSentAt = 0;
  connection.sendFrame(encode.typing(false, activeId));
}

async function download(kind) {
  const data = await api.transcript(activeId);
  const body = kind === 'html' ? transcriptHTML(data, lang) : transcriptText(data, lang);
  const blob = new Blob([body], { type: kind === 'html' ? 'text/html;charset=utf-8' : 'text/plain;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `parley-${activeId}.${kind}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

async function closeActive() {
  const id = activeId;
  try {
    await api.close(id);
    state.get(id).summary.status = 'closed';
    connection.sendFrame(encodeOperator.leave(id));
    activeId = null;
    ui['chat-body'].hidden = true;
    ui.placeholder.hidden = false;
    renderList();
  } catch (error) {
    ui.notice.textContent = t('error', { message: error.message });
  }
}

document.addEventListener('visibilitychange', markRead);
init();
