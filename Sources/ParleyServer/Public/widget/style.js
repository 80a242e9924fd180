// The widget's styles, applied inside its shadow root (the host page's CSS cannot reach them).
export const CSS = `
:host{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;font:15px/1.45 system-ui,sans-serif;color:#111827;--b:#3b3fd8;--m:#4b5563;--l:#e5e7eb}
*{box-sizing:border-box}
button,select,textarea{font:inherit;color:inherit}
.launcher,.x,.toggle,.send{all:unset;cursor:pointer}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
[hidden]{display:none!important}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{width:60px;height:60px;border-radius:50%;background:var(--b);color:#fff;display:grid;place-items:center;box-shadow:0 8px 24px #1e1b7859;position:relative;margin-left:auto}
.launcher svg{width:28px;height:28px;fill:currentColor}
header svg{width:24px;height:24px;fill:none;stroke:currentColor;stroke-width:2.2;stroke-linecap:round}
.count{position:absolute;top:-2px;right:-2px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font-size:12px;font-weight:700;display:grid;place-items:center}
.teaser,.panel{position:absolute;right:0;background:#fff;border:1px solid var(--l)}
.teaser{bottom:74px;width:260px;border-radius:14px;padding:14px 36px 14px 14px;box-shadow:0 10px 30px #1118272e;cursor:pointer}
.teaser p,h2,header p{margin:0}
.teaser .x{position:absolute;top:6px;right:8px;width:24px;height:24px;text-align:center;color:var(--m);border-radius:6px}
.panel{bottom:76px;width:380px;height:min(620px,calc(100vh - 110px));border-radius:18px;box-shadow:0 18px 50px #11182747;display:flex;flex-direction:column;overflow:hidden}
header{background:var(--b);color:#fff;padding:14px 14px 12px 18px;display:grid;grid-template-columns:1fr auto;gap:2px 8px;align-items:start}
h2{font-size:17px;font-weight:650}
header p{font-size:13px;grid-column:1}
header .x{grid-row:1/3;grid-column:2;width:34px;height:34px;display:grid;place-items:center;border-radius:10px}
header .x:hover{background:#ffffff26}
header .x:focus-visible{outline-color:#fff}
.bar{display:flex;align-items:center;gap:8px;padding:8px 14px;border-bottom:1px solid var(--l);font-size:13px;color:var(--m);background:#fafafa}
label{flex:none}
select,textarea{border:1px solid #d1d5db;background:#fff}
select{border-radius:8px;padding:3px 6px}
.status{margin-left:auto;text-align:right}
.warn{color:#92400e}
ol{list-style:none;margin:0;padding:14px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:10px}
li{flex:none;max-width:86%;display:flex;flex-direction:column;gap:3px}
.own{align-self:flex-end;align-items:flex-end}
.sys{align-self:center;max-width:100%;text-align:center;color:var(--m);font-size:13px}
.bubble,.orig{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate}
.bubble{padding:9px 12px;border-radius:14px;background:#f1f5f9}
.own .bubble{background:var(--b);color:#fff;border-bottom-right-radius:4px}
.them .bubble{border-bottom-left-radius:4px}
.meta{font-size:12px;color:var(--m);display:flex;gap:6px;flex-wrap:wrap;align-items:center}
.mt{background:#eef2ff;color:#312e81;border-radius:999px;padding:1px 8px;font-weight:600}
.toggle{color:#1d4ed8;text-decoration:underline;padding:2px;border-radius:4px}
.orig{margin:0;padding:7px 10px;border-left:3px solid #c7d2fe;background:#f8fafc;color:#374151;font-size:13px;border-radius:4px}
.typing{min-height:20px;padding:0 16px;font-size:13px;color:var(--m);font-style:italic}
form{display:flex;gap:8px;padding:10px 12px 12px;border-top:1px solid var(--l);align-items:flex-end}
textarea{flex:1;resize:none;border-radius:12px;padding:9px 12px;min-height:42px;max-height:120px}
textarea:focus-visible{outline:2px solid var(--b);outline-offset:0}
.send{background:var(--b);color:#fff;border-radius:12px;padding:0 16px;height:42px;font-weight:600;display:grid;place-items:center}
@media (max-width:480px){:host{right:12px;bottom:12px}.panel:not([hidden])~.launcher{display:none}.panel{position:fixed;inset:0;width:auto;height:auto;border-radius:0;border:0}.teaser{width:min(260px,calc(100vw - 24px))}}
@media (prefers-reduced-motion:no-preference){.panel,.teaser{animation:r .18s ease-out}@keyframes r{from{opacity:0;transform:translateY(8px)}}}
`;
