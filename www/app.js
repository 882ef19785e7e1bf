// meetgate web client: plain JavaScript, no framework, no build step.
// REST (/api/v1) for accounts and meetings, the seed's signaling protocol on
// /ws/signaling, and the videoroom SFU: one publishing RTCPeerConnection
// (we offer) and one subscribing RTCPeerConnection (the server offers).
'use strict';

const api = {
  token: localStorage.getItem('meetgate.token') || '',
  async call(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (this.token) headers.Authorization = 'Bearer ' + this.token;
    const response = await fetch('/api/v1' + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const envelope = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error((envelope.message || 'HTTP ' + response.status) +
                      (envelope.error ? ': ' + envelope.error : ''));
    }
    return envelope.data;
  },
};

const state = {
  user: JSON.parse(localStorage.getItem('meetgate.user') || 'null'),
  meetingId: '', ws: null, peerId: '', iceServers: [],
  localStream: null, publisher: null, subscriber: null,
  streams: {},          // subscriber mid -> {user_id, kind, source}
  remoteVideos: {},     // user_id -> <video>
  names: {},            // user_id -> username
  inbox: Promise.resolve(),  // signaling messages handled one at a time
  nextId: 1,
};

const $ = (id) => document.getElementById(id);

function setStatus(text, isError) {
  const status = $('status');
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

function show(view) {
  for (const name of ['auth-view', 'lobby-view', 'room-view']) $(name).hidden = name !== view;
  $('logout').hidden = view === 'auth-view';
  $('who').textContent = state.user ? state.user.username : '';
}

// --- accounts and meetings (REST) -------------------------------------------

async function login(username, password) {
  const data = await api.call('POST', '/login', { username, password });
  api.token = data.token || data.access_token;
  state.user = data.user;
  localStorage.setItem('meetgate.token', api.token);
  localStorage.setItem('meetgate.user', JSON.stringify(state.user));
  show('lobby-view');
  return state.user;
}

async function register(username, email, password) {
  await api.call('POST', '/register', { username, email, password });
  return login(username, password);
}

function logout() {
  api.token = '';
  state.user = null;
  localStorage.removeItem('meetgate.token');
  localStorage.removeItem('meetgate.user');
  show('auth-view');
}

async function createMeeting(title) {
  const meeting = await api.call('POST', '/meetings', { title, max_participants: 50 });
  return joinMeeting(meeting.meeting_id);
}

async function joinMeeting(meetingId) {
  const joined = await api.call('POST', '/meetings/' + encodeURIComponent(meetingId) + '/join', {});
  state.meetingId = joined.meeting_id;
  state.iceServers = joined.ice_servers || [];
  $('share-id').textContent = state.meetingId;
  $('room-title').textContent = joined.meeting ? joined.meeting.title : state.meetingId;
  show('room-view');
  await loadHistory();
  await openSignaling(joined.ws_url);
  await onJoined(joined);  // live.js: host controls, recordings, analysis state
  return state.meetingId;
}

async function loadHistory() {
  try {
    const history = await api.call('GET', '/rooms/' + encodeURIComponent(state.meetingId) + '/messages');
    for (const m of history.list) addChat(m.username || ('user ' + m.user_id), m.content);
  } catch (err) {
    setStatus('chat history: ' + err.message, true);
  }
}

// --- signaling ------------------------------------------------------------------

function signalingUrl(wsUrl) {
  // The join answer's ws_url (ws://host:8081/ws/signaling?meeting_id=..&user_id=..),
  // else the page's own host (a reverse proxy in front of both ports).
  const fallback = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/signaling';
  const url = new URL(wsUrl || fallback, location.href);
  url.searchParams.set('meeting_id', state.meetingId);
  url.searchParams.set('user_id', String(state.user.id));
  url.searchParams.set('peer_id', state.peerId);
  url.searchParams.set('token', api.token);
  return url.toString();
}

function openSignaling(wsUrl) {
  state.peerId = 'web-' + Math.random().toString(36).slice(2, 10);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(signalingUrl(wsUrl));
    state.ws = ws;
    ws.onopen = () => {
      setStatus('connected');
      send('join-room', {});
      resolve();
    };
    ws.onerror = () => reject(new Error('signaling connection failed'));
    ws.onclose = (event) => {
      if (state.ws === ws) setStatus('disconnected: ' + (event.reason || event.code), true);
    };
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      state.inbox = state.inbox.then(() => handle(message)).catch((err) => setStatus(err.message, true));
    };
  });
}

function send(type, payload, extra) {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) return;
  const message = Object.assign({ id: 'c' + (state.nextId++), type, payload }, extra || {});
  state.ws.send(JSON.stringify(message));
}

async function handle(message) {
  const p = message.payload || {};
  switch (message.type) {
    case 'room-info':
      renderParticipants(p.participants || []);
      onRoomInfo(p.participants || []);
      if (!state.publisher) await publish();
      break;
    case 'user-left':
      removeRemote(p.user_id);
      removeRemote(p.user_id + '-screen');
      break;
    case 'screen-share':
      if (p.action === 'stop') removeRemote(message.from_user_id + '-screen');
      break;
    case 'chat':
      addChat(p.username || ('user ' + message.from_user_id), p.content);
      break;
    case 'offer':
      if (p.pc === 'subscriber') await onServerOffer(p);
      break;
    case 'answer':
      if (p.pc === 'publisher' && state.publisher) await state.publisher.setRemoteDescription({ type: 'answer', sdp: p.sdp });
      break;
    case 'ice-candidate':
      await onRemoteCandidate(p);
      break;
    case 'media-control':
      onMediaControl(message, p);
      break;
    case 'active-speaker':
      state.activeSpeaker = p.user_id;
      for (const tile of document.querySelectorAll('.tile')) tile.classList.toggle('speaking', tile.dataset.user === String(p.user_id));
      break;
    case 'recording':
      onRecordingMessage(p);
      break;
    case 'ai-result':
      onAiResult(p);
      break;
    case 'error':
      setStatus('error ' + p.code + ': ' + p.message + (p.details ? ' (' + p.details + ')' : ''), true);
      break;
    default:
      break;
  }
}

// --- media --------------------------------------------------------------------------

function trickle(pc, role) {
  pc.onicecandidate = (event) => {
    if (event.candidate) {
      send('ice-candidate', { candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid,
                              sdpMLineIndex: event.candidate.sdpMLineIndex, pc: role });
    } else {
      send('ice-candidate', { completed: true, pc: role });
    }
  };
}

async function publish() {
  try {
    state.localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  } catch (err) {
    setStatus('no camera/microphone: ' + err.message, true);
    return;
  }
  $('local-video').srcObject = state.localStream;
  const pc = new RTCPeerConnection({ iceServers: state.iceServers });
  state.publisher = pc;
  trickle(pc, 'publisher');
  const transceivers = state.localStream.getTracks().map((track) =>
    pc.addTransceiver(track, { direction: 'sendonly', streams: [state.localStream] }));
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const sources = {};
  for (const t of transceivers) sources[t.mid] = t.sender.track.kind === 'audio' ? 'microphone' : 'camera';
  send('offer', { type: 'offer', sdp: pc.localDescription.sdp, pc: 'publisher', sources });
}

async function onServerOffer(p) {
  for (const s of p.streams || []) state.streams[s.mid] = s;
  if (!state.subscriber) {
    const pc = new RTCPeerConnection({ iceServers: state.iceServers });
    state.subscriber = pc;
    trickle(pc, 'subscriber');
    pc.ontrack = (event) => attachRemote(event.transceiver.mid, event.track);
  }
  const pc = state.subscriber;
  await pc.setRemoteDescription({ type: 'offer', sdp: p.sdp });
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
  send('answer', { type: 'answer', sdp: pc.localDescription.sdp, pc: 'subscriber' });
}

async function onRemoteCandidate(p) {
  const pc = p.pc === 'subscriber' ? state.subscriber : state.publisher;
  if (!pc) return;
  if (p.completed) {
    await pc.addIceCandidate(null).catch(() => {});
    return;
  }
  await pc.addIceCandidate({ candidate: p.candidate, sdpMid: p.sdpMid, sdpMLineIndex: p.sdpMLineIndex });
}

function tileFor(userId) {
  let video = state.remoteVideos[userId];
  if (video) return video;
  const figure = document.createElement('figure');
  figure.className = 'tile';
  figure.dataset.user = String(userId);
  video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.srcObject = new MediaStream();
  const caption = document.createElement('figcaption');
  caption.textContent = state.names[userId] || ('user ' + userId);
  figure.append(video, caption);
  $('videos').append(figure);
  state.remoteVideos[userId] = video;
  return video;
}

function attachRemote(mid, track) {
  const stream = state.streams[mid];
  const userId = stream ? stream.user_id : 'unknown';
  // A screen share gets its own tile next to the person's camera.
  const video = tileFor(stream && stream.source === 'screen' ? userId + '-screen' : userId);
  video.srcObject.addTrack(track);
  video.play().catch(() => {});
}

function removeRemote(userId) {
  const video = state.remoteVideos[userId];
  if (!video) return;
  video.closest('figure').remove();
  delete state.remoteVideos[userId];
}

function onMediaControl(message, p) {
  if (p.forced && p.user_id === state.user.id && state.localStream) {
    for (const track of state.localStream.getTracks()) if (track.kind === p.kind) track.enabled = !p.muted;
    setStatus('a host ' + (p.muted ? 'muted' : 'unmuted') + ' your ' + p.kind);
  }
}

function toggle(kind, button, onText, offText) {
  if (!state.localStream) return;
  const tracks = state.localStream.getTracks().filter((t) => t.kind === kind);
  const muted = tracks.length > 0 && tracks[0].enabled;
  for (const t of tracks) t.enabled = !muted;
  button.textContent = muted ? offText : onText;
  send('media-control', { action: muted ? 'mute' : 'unmute', kind, muted });
}

async function shareScreen() {
  if (!state.publisher) return;
  const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
  const track = screen.getVideoTracks()[0];
  const transceiver = state.publisher.addTransceiver(track, { direction: 'sendonly' });
  const offer = await state.publisher.createOffer();
  await state.publisher.setLocalDescription(offer);
  const sources = {};
  for (const t of state.publisher.getTransceivers()) {
    if (t.sender.track) sources[t.mid] = t === transceiver ? 'screen' : (t.sender.track.kind === 'audio' ? 'microphone' : 'camera');
  }
  send('offer', { type: 'offer', sdp: state.publisher.localDescription.sdp, pc: 'publisher', sources });
  send('screen-share', { action: 'start', mid: transceiver.mid });
  track.onended = () => {
    send('unpublish', { mid: transceiver.mid });
    send('screen-share', { action: 'stop', mid: transceiver.mid });
  };
}

async function leave() {
  send('leave-room', {});
  for (const pc of [state.publisher, state.subscriber]) if (pc) pc.close();
  if (state.localStream) for (const t of state.localStream.getTracks()) t.stop();
  const ws = state.ws;
  state.ws = null;
  if (ws) ws.close();
  await api.call('POST', '/meetings/' + encodeURIComponent(state.meetingId) + '/leave', {}).catch(() => {});
  Object.keys(state.remoteVideos).forEach(removeRemote);
  Object.assign(state, { publisher: null, subscriber: null, localStream: null, streams: {}, meetingId: '' });
  $('chat-log').textContent = '';
  resetLive();
  show('lobby-view');
  setStatus('left the meeting');
}

// --- chat and participants ------------------------------------------------------

function addChat(name, content) {
  const item = document.createElement('li');
  const who = document.createElement('strong');
  who.textContent = name + ': ';
  item.append(who, document.createTextNode(content));
  $('chat-log').append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function renderParticipants(list) {
  const ul = $('participants');
  ul.textContent = '';
  for (const p of list) {
    state.names[p.user_id] = p.username;
    const li = document.createElement('li');
    li.textContent = p.username + (p.is_self ? ' (you)' : '');
    ul.append(li);
  }
}

// --- the status line: frames decoded per remote video (tests read it) -----------

async function decodedFrames() {
  const frames = {};
  if (!state.subscriber) return frames;
  const report = await state.subscriber.getStats();
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') {
      const stream = state.streams[s.mid] || {};
      frames[stream.user_id || s.mid || s.id] = s.framesDecoded || 0;
    }
  });
  return frames;
}

setInterval(async () => {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) return;
  const frames = await decodedFrames();
  const parts = Object.entries(frames).map(([user, n]) => (state.names[user] || user) + ': ' + n);
  if (!$('status').classList.contains('error')) {
    setStatus('connected · frames decoded ' + (parts.length ? parts.join(', ') : 'none'));
  }
}, 1000);

// --- wiring -------------------------------------------------------------------------

function guard(fn) {
  return (event) => {
    if (event) event.preventDefault();
    Promise.resolve(fn()).catch((err) => setStatus(err.message, true));
  };
}

$('auth-form').addEventListener('submit', guard(() => login($('username').value, $('password').value)));
$('register-button').addEventListener('click', guard(() => register($('username').value, $('email').value, $('password').value)));
$('logout').addEventListener('click', guard(logout));
$('create-form').addEventListener('submit', guard(() => createMeeting($('meeting-title').value)));
$('join-form').addEventListener('submit', guard(() => joinMeeting($('meeting-id').value.trim())));
$('leave').addEventListener('click', guard(leave));
$('share-screen').addEventListener('click', guard(shareScreen));
$('mute-audio').addEventListener('click', guard(() => toggle('audio', $('mute-audio'), 'Mute', 'Unmute')));
$('mute-video').addEventListener('click', guard(() => toggle('video', $('mute-video'), 'Camera off', 'Camera on')));
$('chat-form').addEventListener('submit', guard(() => {
  const text = $('chat-input').value.trim();
  if (text) send('chat', { content: text });
  $('chat-input').value = '';
}));

const invited = new URLSearchParams(location.search).get('meeting');
if (invited) $('meeting-id').value = invited;
show(state.user && api.token ? 'lobby-view' : 'auth-view');

// For scripts and tests driving the page (headless Chromium over CDP).
window.meetgate = { login, register, logout, createMeeting, joinMeeting, leave, shareScreen, decodedFrames, state,
                    chat: (text) => send('chat', { content: text }) };
