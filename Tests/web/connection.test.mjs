import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC, MemoryStorage, FakeSocket, ManualTimers } from './helpers.mjs';

const connectionModule = await import(new URL('widget/connection.js', PUBLIC));
const { Connection, Outbox, SeqTracker, backoffDelay } = connectionModule;

function harness(storage = new MemoryStorage(), floors = {}, onOpen = undefined) {
  const sockets = [];
  const events = [];
  const timers = new ManualTimers();
  let n = 0;
  const seqs = new SeqTracker(floors);
  const connection = new Connection({
    url: () => `ws://relay/ws/visitor?after=${seqs.lastSeq('')}`,
    createSocket: (url) => (sockets.push(new FakeSocket(url)), sockets.at(-1)),
    onEvent: (e) => events.push(e),
    onOpen,
    outbox: new Outbox(storage, 'outbox'),
    seqs,
    timers,
    random: () => 1,
    newId: () => `m${++n}`,
  });
  return { connection, sockets, events, timers, storage, messages: () => events.filter((e) => e.kind === 'message') };
}

const message = (seq, extra = {}) => ({ type: 'message', seq, role: 'operator', text: `text ${seq}`, language: 'de', ...extra });

test('sends while open and forgets a message once acknowledged', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.connection.sendMessage('Merhaba');
  assert.deepEqual(h.sockets[0].sent, [{ type: 'message', clientMessageId: 'm1', text: 'Merhaba' }]);
  assert.equal(h.connection.outbox.items.length, 1);
  h.sockets[0].deliver({ type: 'ack', clientMessageId: 'm1', seq: 1 });
  assert.equal(h.connection.outbox.items.length, 0);
  assert.equal(h.storage.getItem('outbox'), null);
});

test('resends unacknowledged messages after a reconnect, in order, and only those', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.connection.sendMessage('one');
  h.connection.sendMessage('two');
  h.connection.sendMessage('three');
  h.sockets[0].deliver({ type: 'ack', clientMessageId: 'm1', seq: 1 });
  h.sockets[0].drop(1006);
  assert.equal(h.connection.state, 'waiting');
  h.timers.runNext();
  assert.equal(h.sockets.length, 2);
  h.sockets[1].open();
  assert.deepEqual(h.sockets[1].sent.map((f) => [f.clientMessageId, f.text]), [['m2', 'two'], ['m3', 'three']]);
});

test('messages written while offline wait in the outbox and go out on connect', () => {
  const h = harness();
  h.connection.start();
  h.connection.sendMessage('offline');
  assert.deepEqual(h.sockets[0].sent, []);
  h.sockets[0].open();
  assert.deepEqual(h.sockets[0].sent.map((f) => f.text), ['offline']);
});

test('the outbox survives a page navigation (same storage, new connection)', () => {
  const storage = new MemoryStorage();
  const first = harness(storage);
  first.connection.start();
  first.connection.sendMessage('before navigation');
  first.connection.stop();
  const second = harness(storage);
  second.connection.start();
  second.sockets[0].open();
  assert.deepEqual(second.sockets[0].sent.map((f) => f.text), ['before navigation']);
});

test('drops duplicate deliveries by seq and resumes after the last one', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.sockets[0].deliver(message(1));
  h.sockets[0].deliver(message(2));
  h.sockets[0].deliver(message(2));
  h.sockets[0].drop(4000);
  h.timers.runNext();
  assert.match(h.sockets[1].url, /after=2$/);
  h.sockets[1].open();
  h.sockets[1].deliver(message(1));
  h.sockets[1].deliver(message(2));
  h.sockets[1].deliver(message(3));
  assert.deepEqual(h.messages().map((e) => e.message.seq), [1, 2, 3]);
});

test('a resume point from the previous page filters replays', () => {
  const h = harness(new MemoryStorage(), { '': 5 });
  h.connection.start();
  assert.match(h.sockets[0].url, /after=5$/);
  h.sockets[0].open();
  [4, 5, 6].forEach((s) => h.sockets[0].deliver(message(s)));
  assert.deepEqual(h.messages().map((e) => e.message.seq), [6]);
});

test('the echo of an own message clears it from the outbox even without an ack', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.connection.sendMessage('hello');
  h.sockets[0].deliver(message(1, { role: 'visitor', clientMessageId: 'm1' }));
  assert.equal(h.connection.outbox.items.length, 0);
});

test('terminal close codes stop reconnecting; reconnectable ones back off', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.sockets[0].drop(4001);
  assert.equal(h.timers.queue.length, 1);
  h.timers.runNext();
  h.sockets[1].drop(4500);
  assert.equal(h.connection.state, 'closed');
  assert.equal(h.timers.queue.length, 0);
  assert.deepEqual(h.events.at(-1), { kind: 'status', state: 'closed', code: 4500, reason: '' });
});

test('backoff grows exponentially, is capped, and jitters between 50 and 100 %', () => {
  assert.deepEqual([0, 1, 2, 3].map((a) => backoffDelay(a, () => 1)), [500, 1000, 2000, 4000]);
  assert.equal(backoffDelay(30, () => 1), 30000);
  assert.equal(backoffDelay(2, () => 0), 1000);
  const h = harness();
  h.connection.start();
  h.sockets[0].drop();
  h.timers.runNext();
  h.sockets[1].drop();
  assert.deepEqual(h.events.filter((e) => e.state === 'waiting').map((e) => e.delay), [500, 1000]);
  h.timers.runNext();
  h.sockets[2].open();
  h.sockets[2].drop();
  assert.equal(h.events.at(-1).delay, 500, 'a successful open resets the backoff');
});

test('malformed frames are ignored without breaking the connection', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.sockets[0].deliver('not json');
  h.sockets[0].deliver('[1,2]');
  h.sockets[0].deliver(message(1));
  assert.equal(h.messages().length, 1);
  assert.equal(h.connection.state, 'open');
});

test('a throwing event handler does not break the connection', () => {
  const h = harness();
  h.connection.onEvent = () => { throw new Error('render bug'); };
  const error = console.error;
  console.error = () => {};
  try {
    h.connection.start();
    h.sockets[0].open();
    h.sockets[0].deliver(message(1));
  } finally {
    console.error = error;
  }
  assert.equal(h.connection.state, 'open');
});

test('stop closes the socket and prevents any reconnect', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.connection.stop();
  assert.equal(h.sockets[0].closed, 1000);
  assert.equal(h.timers.queue.length, 0);
});

test('join goes out before the outbox is flushed on every (re)connect', () => {
  let h;
  h = harness(new MemoryStorage(), {}, (c) => c.sendFrame(JSON.stringify({ type: 'join', lastSeq: h.connection.seqs.lastSeq('') })));
  h.connection.start();
  h.connection.sendMessage('queued');
  h.sockets[0].open();
  assert.deepEqual(h.sockets[0].sent.map((f) => f.type), ['join', 'message']);
  h.sockets[0].deliver(message(1));
  h.sockets[0].drop(1001);
  h.timers.runNext();
  h.sockets[1].open();
  assert.deepEqual(h.sockets[1].sent, [{ type: 'join', lastSeq: 1 }, { type: 'message', clientMessageId: 'm1', text: 'queued' }]);
});

test('a rate-limited message is resent after retryAfterMs; a rejected one is dropped and reported', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.connection.sendMessage('fast');
  h.connection.sendMessage('');
  h.sockets[0].deliver({ type: 'error', code: 'rate_limited', clientMessageId: 'm1', retryAfterMs: 400, message: 'slow down' });
  h.sockets[0].deliver({ type: 'error', code: 'empty_message', clientMessageId: 'm2', message: 'empty' });
  assert.deepEqual(h.connection.outbox.items.map((m) => m.clientMessageId), ['m1']);
  assert.equal(h.events.at(-1).willRetry, false);
  const timer = h.timers.runNext();
  assert.equal(timer.ms, 400);
  assert.deepEqual(h.sockets[0].sent.map((f) => f.text), ['fast', '', 'fast']);
});

test('operator messages keep their conversation and de-dup is per conversation', () => {
  const h = harness();
  h.connection.start();
  h.sockets[0].open();
  h.connection.sendMessage('Hallo', 'c_1');
  assert.deepEqual(h.sockets[0].sent[0], { type: 'message', clientMessageId: 'm1', text: 'Hallo', conversationId: 'c_1' });
  h.sockets[0].deliver(message(1, { conversationId: 'c_1' }));
  h.sockets[0].deliver(message(1, { conversationId: 'c_2' }));
  h.sockets[0].deliver(message(1, { conversationId: 'c_1' }));
  assert.deepEqual(h.messages().map((e) => e.message.conversationId), ['c_1', 'c_2']);
});

test('message ids sort by the time they were made, are unique, and fit the protocol (1–64 chars)', () => {
  const { newMessageId } = connectionModule;
  const bytes = (fill) => (array) => array.fill(fill);
  const early = newMessageId(1_700_000_000_000, bytes(0xff));
  const later = newMessageId(1_700_000_000_001, bytes(0x00));
  assert.equal(early, '0loyw3v28-ffffffffffffffff');
  assert.ok(early < later, `${early} < ${later}`);
  // Nine time digits until the year 5188, so the order holds between ids of different years too.
  assert.ok(newMessageId(Date.UTC(2026, 0, 1)) < newMessageId(Date.UTC(2100, 0, 1)));
  const ids = new Set(Array.from({ length: 1000 }, () => newMessageId(1_700_000_000_000)));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[0-9a-z]{9}-[0-9a-f]{16}$/);
});
