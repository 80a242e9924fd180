// Test doubles that follow the real interfaces: a Storage, a WebSocket-like socket, manual timers, a tiny document.
export const PUBLIC = new URL('../../Sources/ParleyServer/Public/', import.meta.url);

export class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

export class FakeSocket {
  constructor(url) { this.url = url; this.sent = []; this.closed = null; }
  send(data) { if (this.closed) throw new Error('closed'); this.sent.push(JSON.parse(data)); }
  close(code = 1000) { this.closed = code; }
  // Server side:
  open() { this.onopen?.({}); }
  deliver(frame) { this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) }); }
  drop(code = 1006) { this.closed = code; this.onclose?.({ code, reason: '' }); }
}

export class ManualTimers {
  constructor() { this.queue = []; this.next = 1; }
  setTimeout(fn, ms) { const id = this.next++; this.queue.push({ id, fn, ms }); return id; }
  clearTimeout(id) { this.queue = this.queue.filter((t) => t.id !== id); }
  runNext() { const t = this.queue.shift(); t?.fn(); return t; }
}

// A document whose nodes record how they were built; `innerHTML` throws so any use fails the test.
class FakeNode {
  constructor(kind, name) { this.kind = kind; this.nodeName = name; this.children = []; this.attributes = {}; this._text = ''; }
  setAttribute(k, v) { this.attributes[k] = v; }
  appendChild(c) { this.children.push(c); return c; }
  append(...cs) { for (const c of cs) this.appendChild(typeof c === 'string' ? fakeDocument.createTextNode(c) : c); }
  replaceChildren() { this.children = []; }
  addEventListener(type, fn) { (this.listeners ??= {})[type] = fn; }
  getAttribute(k) { return this.attributes[k] ?? null; }
  find(cls) { return this.elements.find((e) => (e.className ?? '').split(' ').includes(cls)) ?? null; }
  set textContent(v) { this.children = [new FakeNode('text', '#text')]; this.children[0]._text = v; }
  get textContent() { return this.kind === 'text' ? this._text : this.children.map((c) => c.textContent).join(''); }
  set innerHTML(_) { throw new Error('innerHTML used'); }
  get elements() { return [this, ...this.children.flatMap((c) => (c.kind === 'element' ? c.elements : []))]; }
}
export const fakeDocument = {
  createElement: (tag) => new FakeNode('element', tag.toUpperCase()),
  createTextNode: (text) => { const n = new FakeNode('text', '#text'); n._text = text; return n; },
};

export const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<a href="javascript:window.__pwned=1">click</a>',
  '\u202Egnp.exe\u202C harmless \u2066isolate\u2069',
  '"><svg onload=window.__pwned=1>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  'x'.repeat(10000),
];
