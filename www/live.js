// meetgate web client, part two: recording and live analysis.
// Loaded after app.js and uses its globals (api, state, $, setStatus, guard).
// Everyone sees the recording indicator (`recording` messages), live captions,
// face counts and quality warnings (`ai-result` messages); hosts and co-hosts
// also get the buttons that start and stop them and the recordings list.
'use strict';

const HOST_ROLES = ['host', 'co-host'];
const CAPTION_LINES = 4;          // last lines kept on screen
const WARNING_SHOW_MS = 8000;     // a quality warning disappears after this

const live = {
  isHost: false,
  recordingId: 0,               // the running recording, 0 when none
  analysisRunning: false,
  meeting: null,                // the join answer's meeting (creator_id)
  captions: [],                 // [{userId, text, final}], oldest first
  warningTimer: 0,
  objectUrls: [],               // blob: URLs handed out for downloads
};

function announce(text) {
  $('announcer').textContent = text;
}

function displayName(userId) {
  if (state.user && String(userId) === String(state.user.id)) return 'You';
  return state.names[userId] || ('user ' + userId);
}

// --- roles --------------------------------------------------------------------------

// The join answer's role; room-info repeats it (it changes when a host
// promotes someone). The creator always joins as host.
function setRole(role, meeting) {
  const creator = meeting && state.user && meeting.creator_id === state.user.id;
  live.isHost = creator || HOST_ROLES.includes(role);
  $('host-controls').hidden = !live.isHost;
  $('recordings-panel').hidden = !live.isHost;
}

async function onJoined(joined) {
  $('tile-self').dataset.user = String(state.user.id);
  live.meeting = joined.meeting || null;
  setRole(joined.role || (joined.participant || {}).role, joined.meeting);
  if (live.isHost) await refreshHostView();
}

// What the host controls show comes from the server: a recording or live
// analysis may already run (started by another host or automatically).
function refreshHostView() {
  return Promise.all([refreshRecordings(), refreshAnalysis()]).catch((err) => setStatus(err.message, true));
}

function onRoomInfo(participants) {
  const self = participants.find((p) => p.is_self);
  if (!self || !self.role) return;
  const wasHost = live.isHost;
  setRole(self.role, live.meeting);
  if (live.isHost && !wasHost) refreshHostView();
}

// --- recording ------------------------------------------------------------------------

function showRecording(on, recordingId) {
  live.recordingId = on ? recordingId : 0;
  $('recording-indicator').hidden = !on;
  $('start-recording').disabled = on;
  $('stop-recording').disabled = !on;
}

// A failed start or stop (409: someone else just did it) resyncs the buttons
// from the server before the error is shown.
async function recordingCall(path, body) {
  $('start-recording').disabled = $('stop-recording').disabled = true;  // no double clicks
  try {
    return await api.call('POST', path, body);
  } catch (err) {
    await refreshRecordings().catch(() => showRecording(Boolean(live.recordingId), live.recordingId));
    throw err;
  }
}

async function startRecording() {
  const recording = await recordingCall('/recordings/start', { meeting_id: state.meetingId, mode: 'both' });
  showRecording(true, recording.recording_id || recording.id);
}

async function stopRecording() {
  if (!live.recordingId) return;
  await recordingCall('/recordings/stop', { recording_id: live.recordingId });
  showRecording(false);
  await refreshRecordings();
}

function onRecordingMessage(p) {
  if (p.meeting_id && p.meeting_id !== state.meetingId) return;
  if (p.event === 'started') {
    showRecording(true, p.recording_id);
    announce('This meeting is being recorded');
  } else if (p.event === 'stopped' || p.event === 'failed') {
    showRecording(false);
    announce(p.event === 'failed' ? 'Recording failed: ' + (p.error || 'unknown error') : 'Recording stopped');
    if (p.event === 'failed') setStatus('recording failed: ' + (p.error || 'unknown error'), true);
    if (live.isHost) refreshRecordings().catch((err) => setStatus(err.message, true));
  }
}

async function refreshRecordings() {
  const page = await api.call('GET', '/recordings?meeting_id=' + encodeURIComponent(state.meetingId) + '&page_size=20');
  const recordings = await Promise.all((page.list || []).map((r) =>
    r.files ? r : api.call('GET', '/recordings/' + encodeURIComponent(r.recording_id || r.id))));
  const running = recordings.find((r) => r.status === 'recording');
  showRecording(Boolean(running), running ? (running.recording_id || running.id) : 0);
  renderRecordings(recordings);
}

function formatBytes(n) {
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MiB';
  if (n >= 1 << 10) return Math.round(n / (1 << 10)) + ' KiB';
  return n + ' B';
}

function ownerOf(userId) {
  return displayName(userId) === 'You' ? 'Your' : displayName(userId) + '\u2019s';
}

// Segments count from 1; a track has a second one after its publisher reconnected.
function fileLabel(file) {
  if (file.kind === 'composite') return 'composite video (everyone)';
  return ownerOf(file.user_id).replace(/^Your$/, 'your') + ' ' + (file.track_kind || 'track') +
         (file.segment > 1 ? ' (part ' + file.segment + ')' : '');
}

function renderRecordings(recordings) {
  const list = $('recordings-list');
  list.textContent = '';
  if (!recordings.length) {
    const empty = document.createElement('li');
    empty.textContent = 'No recordings yet.';
    list.append(empty);
  }
  for (const r of recordings) {
    const item = document.createElement('li');
    const id = r.recording_id || r.id;
    const seconds = Math.round((r.duration_ms || 0) / 1000);
    item.append(`Recording ${id} · ${r.status}` + (r.status === 'recording' ? '' : ` · ${seconds} s`));
    const files = document.createElement('ul');
    for (const file of r.files || []) {
      if (r.status === 'recording') continue;
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = file.download_url;
      link.className = 'download';
      link.dataset.url = file.download_url;
      link.textContent = `Download ${fileLabel(file)} (${formatBytes(file.size_bytes || 0)})`;
      link.addEventListener('click', guard(() => download(file.download_url, `recording-${id}-${file.id}.webm`)));
      li.append(link);
      files.append(li);
    }
    item.append(files);
    list.append(item);
  }
}

// Downloads need the Bearer token, which a plain link cannot carry: fetch the
// file and hand the browser a blob: URL instead.
async function fetchFile(url) {
  const response = await fetch(url, { headers: { Authorization: 'Bearer ' + api.token } });
  if (!response.ok) throw new Error('download failed: HTTP ' + response.status);
  return response.blob();
}

async function download(url, name) {
  const blob = await fetchFile(url);
  const objectUrl = URL.createObjectURL(blob);
  live.objectUrls.push(objectUrl);
  const anchor = document.createElement('a');
  anchor.href = objectUrl;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

// --- live analysis ------------------------------------------------------------------

function showAnalysis(running) {
  live.analysisRunning = running;
  $('start-analysis').disabled = running;
  $('stop-analysis').disabled = !running;
}

async function refreshAnalysis() {
  const status = await api.call('GET', '/ai/live/status?meeting_id=' + encodeURIComponent(state.meetingId));
  showAnalysis(Boolean(status.running));
}

async function startAnalysis() {
  const status = await api.call('POST', '/ai/live/start', { meeting_id: state.meetingId });
  showAnalysis(status.running !== false);
  announce('Live analysis started');
}

async function stopAnalysis() {
  await api.call('POST', '/ai/live/stop', { meeting_id: state.meetingId });
  showAnalysis(false);
  announce('Live analysis stopped');
}

function onAiResult(p) {
  const data = p.data || {};
  switch (p.type) {
    case 'caption': addCaption(p.user_id, data.text || '', Boolean(data.final)); break;
    case 'faces': showFaces(p.user_id, Number(data.count) || 0); break;
    case 'audio_quality': showWarnings(p.user_id, 'audio', data.warnings); break;
    case 'video_quality': showWarnings(p.user_id, 'video', data.warnings); break;
    default: break;
  }
}

// A speaker's partial hypothesis is replaced as it grows, then by the final text.
function addCaption(userId, text, final) {
  const last = live.captions.findLast((c) => c.userId === userId);
  if (last && !last.final) {
    Object.assign(last, { text, final });
  } else {
    live.captions.push({ userId, text, final });
  }
  live.captions = live.captions.filter((c) => c.text || !c.final).slice(-CAPTION_LINES);
  renderCaptions();
}

function renderCaptions() {
  const lines = $('caption-lines');
  lines.textContent = '';
  for (const c of live.captions) {
    if (!c.text) continue;
    const item = document.createElement('li');
    item.className = c.final ? 'final' : 'partial';
    const who = document.createElement('strong');
    who.textContent = displayName(c.userId) + ': ';
    item.append(who, document.createTextNode(c.text));
    lines.append(item);
  }
  $('captions').hidden = lines.childElementCount === 0;
}

function tileElement(userId) {
  return document.querySelector(`.tile[data-user="${CSS.escape(String(userId))}"]`);
}

function showFaces(userId, count) {
  const tile = tileElement(userId);
  if (!tile) return;
  let badge = tile.querySelector('.faces');
  if (!badge) {
    badge = document.createElement('span');
    badge.className = 'faces';
    tile.querySelector('figcaption').append(' ', badge);
  }
  badge.hidden = false;
  badge.dataset.count = String(count);
  badge.textContent = count === 1 ? '1 face' : count + ' faces';
  badge.title = 'Faces seen by live analysis';
}

function warningList(warnings) {
  if (Array.isArray(warnings)) return warnings.filter(Boolean);
  return String(warnings || '').split(',').map((w) => w.trim()).filter(Boolean);
}

function showWarnings(userId, kind, warnings) {
  const list = warningList(warnings);
  const tile = tileElement(userId);
  if (tile) tile.dataset[kind + 'Quality'] = list.length ? list.join(', ') : 'ok';
  if (!list.length) return;
  const box = $('quality-warnings');
  box.textContent = `${ownerOf(userId)} ${kind} looks ${list.join(', ')}`;
  box.hidden = false;
  clearTimeout(live.warningTimer);
  live.warningTimer = setTimeout(() => { box.hidden = true; }, WARNING_SHOW_MS);
}

// --- leaving ------------------------------------------------------------------------

function resetLive() {
  showRecording(false);
  showAnalysis(false);
  setRole('participant', null);
  live.captions = [];
  renderCaptions();
  $('quality-warnings').hidden = true;
  $('recordings-list').textContent = '';
  for (const url of live.objectUrls.splice(0)) URL.revokeObjectURL(url);
  for (const badge of document.querySelectorAll('.tile .faces')) badge.hidden = true;
}

$('start-recording').addEventListener('click', guard(startRecording));
$('stop-recording').addEventListener('click', guard(stopRecording));
$('start-analysis').addEventListener('click', guard(startAnalysis));
$('stop-analysis').addEventListener('click', guard(stopAnalysis));

Object.assign(window.meetgate, { startRecording, stopRecording, refreshRecordings, fetchFile,
                                 startAnalysis, stopAnalysis, live });
