import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC, MemoryStorage, HOSTILE } from './helpers.mjs';

const { CONSOLE_TEXTS } = await import(new URL('console/texts.js', PUBLIC));
const { ConsoleState, formatWait } = await import(new URL('console/state.js', PUBLIC));
const { transcriptText, transcriptHTML, escapeHTML } = await import(new URL('console/transcript.js', PUBLIC));
const { ConsoleAPI, APIError } = await import(new URL('console/api.js', PUBLIC));
const { LANGUAGES } = await import(new URL('widget/i18n.js', PUBLIC));

function leaves(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
}
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('console texts cover de, en, et, tr with the same keys and placeholders', () => {
  const english = new Map(leaves(CONSOLE_TEXTS.en));
  for (const lang of LANGUAGES) {
    const entries = new Map(leaves(CONSOLE_TEXTS[lang]));
    assert.deepEqual([...entries.keys()].sort(), [...english.keys()].sort(), lang);
    for (const [key, value] of entries) {
      assert.ok(value.trim(), `${lang}.${key}`);
      assert.deepEqual(placeholders(value), placeholders(english.get(key)), `${lang}.${key}`);
    }
  }
});

const at = (s) => Date.UTC(2026, 10, 23, 15, 20, s);
const msg = (seq, role, s, extra = {}) => ({ conversationId: 'c_1', seq, role, text: `m${seq}`, language: 'tr', sentAt: at(s), ...extra });

test('waiting time runs from the first unanswered visitor message and is highlighted near 30 s', () => {
  const state = new ConsoleState();
  state.upsert({ id: 'c_1', status: 'waiting' });
  assert.equal(state.waiting('c_1', at(10)), null);
  state.addMessage(msg(1, 'visitor', 0));
  state.addMessage(msg(2, 'visitor', 5));
  assert.deepEqual(state.waiting('c_1', at(12)), { seconds: 12, level: 'ok' });
  assert.deepEqual(state.waiting('c_1', at(22)), { seconds: 22, level: 'warn' });
  assert.deepEqual(state.waiting('c_1', at(31)), { seconds: 31, level: 'late' });
  state.addMessage(msg(3, 'operator', 33));
  assert.equal(state.waiting('c_1', at(40)), null);
  state.addMessage(msg(4, 'visitor', 50));
  assert.equal(state.waiting('c_1', at(55)).seconds, 5);
  assert.equal(formatWait(5), '0:05');
  assert.equal(formatWait(3725), '1:02:05');
});

test('unread counts, read markers, replays and ordering', () => {
  const state = new ConsoleState();
  state.upsert({ id: 'c_1', status: 'assigned', updatedAt: '2026-11-23T15:00:00Z' });
  state.upsert({ id: 'c_2', status: 'waiting', updatedAt: '2026-11-23T15:10:00Z' });
  state.upsert({ id: 'c_3', status: 'closed' });
  assert.equal(state.addMessage(msg(1, 'visitor', 0)), true);
  assert.equal(state.addMessage(msg(1, 'visitor', 0)), false, 'a replay is not new');
  state.addMessage(msg(2, 'operator', 1));
  state.addMessage(msg(3, 'visitor', 2));
  assert.equal(state.unread('c_1'), 2);
  assert.equal(state.markRead('c_1'), 3);
  assert.equal(state.markRead('c_1'), null);
  assert.equal(state.unread('c_1'), 0);
  assert.deepEqual(state.list(at(10)).map((i) => i.id), ['c_1', 'c_2'], 'waiting first, closed hidden');
  state.applyTranslation('c_1', 3, { text: 'x', language: 'de', engine: 'phrasebook', quality: 'phrasebook' }, 'done');
  assert.equal(state.messages('c_1')[2].translation.text, 'x');
});

test('switching conversations keeps each draft', () => {
  const state = new ConsoleState(new MemoryStorage());
  state.setDraft('c_1', 'Hallo Ayşe,');
  state.setDraft('c_2', 'Guten Tag');
  assert.equal(state.draft('c_1'), 'Hallo Ayşe,');
  assert.equal(state.draft('c_2'), 'Guten Tag');
  state.setDraft('c_1', '');
  assert.equal(state.draft('c_1'), '');
});

const transcript = (text, name = 'Ayşe') => ({
  conversation: { id: 'c_1', visitor: { name, language: 'tr' }, page: { url: 'http://127.0.0.1:8080/shop/cart.html' } },
  messages: [
    { seq: 1, sender: { role: 'visitor', name }, text, language: 'tr', confidence: 0.97, createdAt: '2026-11-23T15:20:05.001Z',
      translations: [{ language: 'de', text: `DE ${text}`, engine: 'phrasebook', quality: 'phrasebook' }] },
    { seq: 2, sender: { role: 'operator', name: 'Jonas' }, text: 'Gern!', language: 'de', confidence: 0.9, createdAt: '2026-11-23T15:20:09.001Z',
      translations: [{ language: 'tr', text: 'Memnuniyetle!', engine: 'phrasebook', quality: 'exact' }] },
  ],
});

test('transcripts put both languages side by side', () => {
  const text = transcriptText(transcript('Siparişim nerede?'), 'de');
  assert.match(text, /#1 .* Ayşe \[visitor, tr\]\n {2}Siparişim nerede\?\n {2}→ \[de, phrasebook, phrasebook, machine-translated\]\n {2}DE Siparişim nerede\?/);
  assert.match(text, /#2 .* Jonas \[operator, de\]\n {2}Gern!\n {2}→ \[tr, phrasebook, exact, machine-translated\]\n {2}Memnuniyetle!/);
  const html = transcriptHTML(transcript('Siparişim nerede?'), 'de');
  assert.match(html, /<td lang="tr" dir="auto">Siparişim nerede\?<div class="meta">tr · 97 %<\/div><\/td>\n<td lang="de" dir="auto">DE Siparişim nerede\?/);
});

test('transcript HTML escapes every hostile payload', () => {
  for (const payload of HOSTILE) {
    const html = transcriptHTML(transcript(payload, payload), 'de');
    const body = html.slice(html.indexOf('<body>'));
    assert.ok(body.includes(escapeHTML(payload)), 'shown literally (escaped)');
    assert.ok(!/<(script|img|a|svg)\b/i.test(body), 'no element from the payload');
    if (/[<>"']/.test(payload)) assert.ok(!body.includes(payload), 'never inserted raw');
  }
  assert.equal(escapeHTML(`<a href="x" onclick='y'>&`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
});

test('the API sends the CSRF token on state-changing requests, never on reads', async () => {
  const calls = [];
  const answers = [
    { status: 200, body: { operator: { id: 'o_1', language: 'de' }, csrfToken: 'tok-1' } },
    { status: 200, body: { conversations: [{ id: 'c_1' }] } },
    { status: 204, body: null },
    { status: 403, body: { error: { code: 'csrf_mismatch', message: 'CSRF token mismatch.' } } },
  ];
  const api = new ConsoleAPI(async (path, init) => {
    calls.push({ path, init });
    const a = answers.shift();
    return { ok: a.status < 400, status: a.status, json: async () => a.body };
  });
  await api.login('jonas', 'secret');
  assert.equal(calls[0].path, '/api/v1/operator/login');
  assert.equal(JSON.parse(calls[0].init.body).login, 'jonas');
  assert.deepEqual(await api.conversations(), [{ id: 'c_1' }]);
  assert.equal(calls[1].init.headers['x-csrf-token'], undefined);
  await api.close('c_1');
  assert.equal(calls[2].path, '/api/v1/conversations/c_1/close');
  assert.equal(calls[2].init.headers['x-csrf-token'], 'tok-1');
  assert.equal(calls[2].init.credentials, 'same-origin');
  await assert.rejects(api.close('c_1'), (e) => e instanceof APIError && e.code === 'csrf_mismatch' && e.status === 403);
});

test('a "wrong language?" correction relabels the message at once; an unknown message is left alone', () => {
  const state = new ConsoleState();
  const message = { ...msg(1, 'visitor', 0), language: 'tr', confidence: 0.62 };
  state.addMessage(message);
  const corrected = state.correctLanguage(message.conversationId, 1, 'et');
  assert.equal(corrected.language, 'et');
  assert.equal(corrected.confidence, 1);
  assert.equal(state.messages(message.conversationId)[0].language, 'et');
  assert.equal(state.correctLanguage(message.conversationId, 9, 'et'), null);
});
