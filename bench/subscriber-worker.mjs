// A share of the benchmark's WebSocket subscribers, in its own thread so that reading 200 sockets
// is spread over event loops. Reports, per called ticket, when each of its sockets received it
// (unless quiet).
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { url, token, count, quiet } = workerData;
const now = () => performance.timeOrigin + performance.now();
const arrivals = new Map();
let open = 0;

for (let i = 0; i < count; i++) {
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  socket.on('open', () => {
    open += 1;
    if (open === count) parentPort.postMessage({ type: 'ready' });
  });
  socket.on('message', (data) => {
    // Quiet: a subscriber that only takes the messages (a memory benchmark's load), no timing.
    if (quiet) return;
    const at = now();
    const text = String(data);
    if (!text.includes('"type":"ticket.called"')) return;
    const id = JSON.parse(text).ticket.id;
    const list = arrivals.get(id) ?? [];
    list.push(at);
    arrivals.set(id, list);
    if (list.length === count) {
      arrivals.delete(id);
      parentPort.postMessage({ type: 'arrivals', id, times: list });
    }
  });
  socket.on('error', (error) => parentPort.postMessage({ type: 'error', message: error.message }));
}
