import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC, MemoryStorage } from './helpers.mjs';

const { greetingFor, parseHours, hoursStatus, translator, loadTexts } = await import(new URL('widget/i18n.js', PUBLIC));
await Promise.all(['de', 'tr'].map(loadTexts));
const { VisitorSession } = await import(new URL('widget/connection.js', PUBLIC));
const { decode, encode, isTerminalClose, socketURL, parseVisitorSession } = await import(new URL('widget/connection.js', PUBLIC));

test('greets on cart and product pages, never on checkout', () => {
  assert.equal(greetingFor('/cart.html'), 'greetingCart');
  assert.equal(greetingFor('/product.html'), 'greetingProduct');
  assert.equal(greetingFor('/checkout.html'), null);
  assert.equal(greetingFor('/checkout.html', 'cart'), null, 'checkout wins over the attribute');
  assert.equal(greetingFor('/'), null);
  assert.equal(greetingFor('/', 'product'), 'greetingProduct');
  assert.equal(greetingFor('/cart.html', 'off'), null);
});

test('greets where a subscription is changed, paused or cancelled, in the shops\' own words', () => {
  for (const path of ['/subscription.html', '/account/subscriptions/change', '/mein-abo', '/abo/pausieren',
    '/abonnement-verwalten', '/hesabim/abonelik', '/konto/pusitellimus', '/püsitellimus/muuda']) {
    assert.equal(greetingFor(path), 'greetingSubscription', path);
  }
  for (const path of ['/about', '/about-us.html', '/abonent', '/tellimus/123', '/aboard']) {
    assert.equal(greetingFor(path), null, path);
  }
  assert.equal(greetingFor('/subscription/checkout'), null, 'never on a checkout, whatever it sells');
  assert.equal(greetingFor('/', 'subscription'), 'greetingSubscription');
  assert.equal(greetingFor('/subscription.html', 'off'), null);
  assert.equal(greetingFor('/subscription.html', 'toString'), 'greetingSubscription', 'only the three names force one');
});

test('business hours are parsed and checked in their time zone', () => {
  const hours = parseHours('1-5 09:00-18:00 Europe/Berlin');
  assert.deepEqual(hours, { firstDay: 1, lastDay: 5, open: 540, close: 1080, timeZone: 'Europe/Berlin' });
  assert.equal(parseHours('weekdays'), null);
  const monday10Berlin = new Date('2024-01-08T09:00:00Z');
  const sunday = new Date('2024-01-07T12:00:00Z');
  const mondayEvening = new Date('2024-01-08T17:30:00Z');
  assert.equal(hoursStatus(hours, monday10Berlin, 'de', translator('de')).open, true);
  assert.equal(hoursStatus(hours, sunday, 'de', translator('de')).open, false);
  assert.equal(hoursStatus(hours, mondayEvening, 'de', translator('de')).open, false);
  assert.match(hoursStatus(hours, sunday, 'de', translator('de')).line, /^Geöffnet Mo\.?–Fr\.?, 0?9:00–18:00$/);
  assert.match(hoursStatus(hours, sunday, 'tr', translator('tr')).line, /^Açık: Pzt–Cum, 0?9:00–18:00$/);
});

test('the session keeps token, resume point and transcript across pages', () => {
  const storage = new MemoryStorage();
  const first = new VisitorSession(storage, 'demo');
  first.set({ token: 't1', conversationId: 'c1' });
  first.remember({ seq: 2, text: 'b' });
  first.remember({ seq: 1, text: 'a' });
  first.remember({ seq: 2, text: 'b' });
  first.updateTranslation(2, { text: 'B', language: 'tr' });
  const next = new VisitorSession(storage, 'demo');
  assert.equal(next.token, 't1');
  assert.equal(next.lastSeq, 2);
  assert.deepEqual(next.state.log.map((m) => m.seq), [1, 2]);
  assert.equal(next.state.log[1].translation.text, 'B');
  storage.setItem('parley.broken.session', '{nope');
  assert.equal(new VisitorSession(storage, 'broken').token, null);
});

test('protocol: close-code classes, URLs and strict decoding', () => {
  assert.equal(isTerminalClose(4000), false);
  assert.equal(isTerminalClose(4499), false);
  assert.equal(isTerminalClose(4500), true);
  assert.equal(isTerminalClose(4999), true);
  assert.equal(isTerminalClose(1006), false);
  assert.equal(socketURL('https://relay.example/x', '/ws/visitor', { token: 'a b', after: 3 }), 'wss://relay.example/ws/visitor?token=a+b&after=3');
  assert.equal(socketURL('http://127.0.0.1:8080', '/ws/operator'), 'ws://127.0.0.1:8080/ws/operator');
  assert.deepEqual(decode('{"type":"nope"}'), { kind: 'unknown', type: 'nope' });
  assert.equal(decode('null').kind, 'unknown');
  assert.equal(decode('{"type":"message","seq":"4","text":5}').message.text, '5');
  assert.equal(decode('{"type":"message","seq":"4","role":"<b>"}').message.role, 'system');
  assert.throws(() => parseVisitorSession({}), /no token/);
});

test('protocol: decodes the documented frames', () => {
  const m = decode(JSON.stringify({
    type: 'message', conversationId: 'c_1', seq: 13, clientMessageId: 'm-1', sender: { role: 'visitor', id: 'p_1', name: 'Anna' },
    text: 'Wo ist meine Bestellung 12345?', language: 'de', confidence: 0.97,
    translation: { language: 'tr', text: '12345 numaralı siparişim nerede?', engine: 'phrasebook', quality: 'phrasebook' },
    translationStatus: 'done', createdAt: '2026-11-23T15:20:05.001Z',
  })).message;
  assert.equal(m.role, 'visitor');
  assert.equal(m.author, 'Anna');
  assert.equal(m.confidence, 0.97);
  assert.equal(m.translation.quality, 'phrasebook');
  assert.equal(m.sentAt, Date.UTC(2026, 10, 23, 15, 20, 5, 1));
  const typing = decode('{"type":"typing","conversationId":"c_1","sender":{"role":"operator","name":"Ayşe"},"active":true}');
  assert.deepEqual([typing.kind, typing.active, typing.role, typing.name, typing.conversationId], ['typing', true, 'operator', 'Ayşe', 'c_1']);
  assert.equal(decode('{"type":"typing","active":"yes"}').active, false, 'only a JSON true is true');
  assert.equal(decode('{"type":"translation","seq":4,"translationStatus":"untranslated","translation":null}').status, 'untranslated');
  assert.equal(decode('{"type":"queue","waiting":2,"operatorsOnline":1}').waiting, 2);
  assert.equal(decode('{"type":"joined","conversationId":"c_1","lastSeq":12}').lastSeq, 12);
  assert.equal(decode('{"type":"system","code":"no_operator_online","text":"x"}').code, 'no_operator_online');
  assert.equal(decode('{"type":"error","code":"rate_limited","clientMessageId":"m9","retryAfterMs":400}').retryAfterMs, 400);
  assert.deepEqual(JSON.parse(encode.join(3)), { type: 'join', lastSeq: 3 });
  assert.deepEqual(JSON.parse(encode.setLanguage('et', 'c_1')), { type: 'setLanguage', language: 'et', conversationId: 'c_1' });
});
