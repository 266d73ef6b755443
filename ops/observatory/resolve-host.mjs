// Preloaded into the scanner (`node --import`): resolves OBSERVATORY_HOST to
// 127.0.0.1 inside that one Node process, so the scan reaches the local TLS proxy
// without an /etc/hosts entry. Every other name resolves as usual.
import dns from "node:dns";

const host = (process.env.OBSERVATORY_HOST || "clinic.test").toLowerCase();
const address = process.env.OBSERVATORY_ADDRESS || "127.0.0.1";
const systemLookup = dns.lookup;

dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = {};
  } else if (typeof options === "number") {
    options = { family: options };
  }
  if (String(hostname).toLowerCase() !== host) {
    return systemLookup.call(dns, hostname, options, callback);
  }
  if (options && options.all) {
    process.nextTick(callback, null, [{ address, family: 4 }]);
  } else {
    process.nextTick(callback, null, address, 4);
  }
  return {};
};
