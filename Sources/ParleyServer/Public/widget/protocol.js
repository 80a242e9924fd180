// The wire protocol (docs/protocol.md) in one place: frame encoders, a strict decoder that normalizes server
// frames into plain events, close-code classes and the REST paths. Pure module; the widget and the console share it.

/** Close codes 4000–4499 ask the client to reconnect, 4500–4999 tell it not to. Other codes: reconnect. */
export function isTerminalClose(code) {
  return code >= 4500 && code <= 4999;
}

export const PATHS = {
  visitorConversation: '/api/v1/visitor/conversations',
  visitorSocket: '/ws/visitor',
};

/** The WebSocket URL for `path` on `base` (an http(s) URL), with query parameters. */
export function socketURL(base, path, params = {}) {
  const url = new URL(path, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export const encode = {
  join: (lastSeq, conversationId) => JSON.stringify(withConversation({ type: 'join', lastSeq }, conversationId)),
  message: (clientMessageId, text, conversationId) =>
    JSON.stringify(withConversation({ type: 'message', clientMessageId, text }, conversationId)),
  typing: (active, conversationId) => JSON.stringify(withConversation({ type: 'typing', active }, conversationId)),
  read: (seq, conversationId) => JSON.stringify(withConversation({ type: 'read', seq }, conversationId)),
  setLanguage: (language, conversationId) =>
    JSON.stringify(withConversation({ type: 'setLanguage', language }, conversationId)),
};

export function withConversation(frame, conversationId) {
  if (conversationId !== undefined && conversationId !== null) frame.conversationId = conversationId;
  return frame;
}

const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const int = (v) => (Number.isInteger(v) ? v : Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : null);

function translation(raw) {
  if (!raw || typeof raw !== 'object') return null;
  return {
    text: str(raw.text),
    language: str(raw.language),
    engine: str(raw.engine),
    quality: str(raw.quality) || 'machine',
  };
}

/** A normalized chat message; the original text and the translation are plain strings, never markup. */
export function normalizeMessage(raw) {
  const sender = raw.sender && typeof raw.sender === 'object' ? raw.sender : {};
  const role = sender.role ?? raw.role;
  const translations = Array.isArray(raw.translations) ? raw.translations.map(translation).filter(Boolean) : [];
  return {
    seq: int(raw.seq),
    conversationId: raw.conversationId ?? null,
    clientMessageId: raw.clientMessageId ? str(raw.clientMessageId) : null,
    role: ['visitor', 'operator', 'system'].includes(role) ? role : 'system',
    author: str(sender.name ?? ''),
    text: str(raw.text),
    language: str(raw.language ?? 'und') || 'und',
    confidence: typeof raw.confidence === 'number' ? raw.confidence : null,
    translation: translation(raw.translation) ?? null,
    translations,
    translationStatus: str(raw.translationStatus ?? (raw.translation ? 'done' : 'none')),
    sentAt: Date.parse(raw.createdAt ?? '') || null,
  };
}

const KINDS = new Set(['message', 'ack', 'translation', 'typing', 'read', 'language', 'presence', 'system',
  'conversation', 'queue', 'joined', 'welcome', 'pong', 'error']);
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);

/**
 * Parses one server frame into an event {kind, ...}: `kind` is the frame type of protocol §4; fields are coerced to
 * their documented types (strings, ints, booleans); a `message` becomes {kind, message: normalizeMessage(frame)}.
 * Anything else is {kind: 'unknown'}. Never throws.
 */
export function decode(data) {
  let raw;
  try {
    raw = obj(JSON.parse(data));
  } catch {
    raw = null;
  }
  if (!raw || !KINDS.has(raw.type)) return { kind: 'unknown', type: str(raw?.type) };
  if (raw.type === 'message') return { kind: 'message', message: normalizeMessage(raw) };
  const sender = obj(raw.sender) ?? {};
  return {
    kind: raw.type,
    conversationId: raw.conversationId ?? null,
    seq: int(raw.seq),
    lastSeq: int(raw.lastSeq) ?? 0,
    clientMessageId: raw.clientMessageId ? str(raw.clientMessageId) : null,
    role: str(sender.role ?? raw.role),
    name: str(sender.name ?? raw.name),
    active: raw.active === true,
    online: raw.online === true,
    language: str(raw.language),
    code: str(raw.code),
    text: str(raw.text),
    message: str(raw.message),
    retryAfterMs: int(raw.retryAfterMs),
    status: str(raw.translationStatus ?? raw.status),
    translation: translation(raw.translation),
    conversation: obj(raw.conversation) ?? {},
    visitor: obj(raw.visitor),
    operator: obj(raw.operator),
    waiting: int(raw.waiting) ?? 0,
    operatorsOnline: int(raw.operatorsOnline) ?? 0,
  };
}

/** Normalizes the answer to POST visitorConversation. */
export function parseVisitorSession(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.token !== 'string') throw new Error('no token in the answer');
  return {
    token: raw.token,
    conversationId: str(raw.conversationId),
    language: str(raw.language),
    operatorsOnline: int(raw.operatorsOnline),
    lastSeq: int(raw.lastSeq) ?? 0,
  };
}
