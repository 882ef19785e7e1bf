// The echo page: fake camera + microphone -> RTCPeerConnection -> the
// gateway's echotest plugin (signaling over its WebSocket) -> the same media
// back, shown in #remote. Query string:
//   ws=ws://HOST:PORT/ws/echotest   the signaling URL (required)
//   codec=VP8|VP9|H264              the video codec to offer first
//   source=canvas                   page-made media instead of the fake camera
//   autostart=0                     do not start on load (call echoStart())
//   answer_timeout=15               seconds to wait for the answer
// For the test driver it exposes:
//   window.echo          {state, error, sent, received, pcState, iceState, ...}
//   window.echoStart()   starts the call (a promise; rejects on error)
//   window.echoStats()   a promise of the inbound/outbound RTP and transport stats
//   window.echoVideoColour(id)  mean [r,g,b] of the <video> "local" or "remote"
//   window.echoHangup()  sends {"type":"hangup"} and closes the PeerConnection
'use strict';

(function () {
  const params = new URLSearchParams(location.search);
  const echo = {
    state: 'idle',      // idle, media, signaling, answered, connected, closed, error
    error: null,        // the first error, as text; set => the page has failed
    sent: [],           // types of the messages sent, in order
    received: [],       // types of the messages received, in order
    localCandidates: 0,
    localCandidateLines: [],  // what the browser trickled (to tell mDNS from IP candidates)
    remoteCandidates: 0,
    pcState: null,
    iceState: null,
    gatewayConnected: false,  // the plugin pushed {"type":"media","state":"connected"}
    offerSdp: null,
    answerSdp: null,
  };
  window.echo = echo;
  let pc = null;
  let ws = null;
  let hangingUp = false;
  let transactions = 0;
  const pendingRemoteCandidates = [];  // candidates that came before the answer

  function log(text) {
    const line = `${(performance.now() / 1000).toFixed(3)} ${text}`;
    console.log(`[echo] ${text}`);
    document.getElementById('log').textContent += line + '\n';
  }

  function setState(state) {
    if (echo.state === 'error') return;  // the first error sticks
    echo.state = state;
    document.getElementById('status').textContent = state;
    log(`state: ${state}`);
  }

  function fail(what) {
    if (echo.error) return;
    echo.error = String(what);
    echo.state = 'error';
    document.getElementById('status').textContent = 'error';
    document.getElementById('error').textContent = echo.error;
    console.error(`[echo] error: ${echo.error}`);
  }

  function send(msg) {
    msg.transaction = msg.transaction || `t${++transactions}`;
    echo.sent.push(msg.type);
    ws.send(JSON.stringify(msg));
    return msg.transaction;
  }

  function openSignaling(url) {
    return new Promise((resolve, reject) => {
      let socket;
      try {
        socket = new WebSocket(url);
      } catch (err) {
        reject(new Error(`bad WebSocket URL ${url}: ${err.message}`));
        return;
      }
      socket.onopen = () => resolve(socket);
      // A refused upgrade (wrong path, 4xx) fires error then close; the
      // browser does not expose the HTTP status, only code 1006.
      socket.onerror = () => log('WebSocket error event');
      socket.onclose = (ev) => {
        const why = `WebSocket ${url} closed (code ${ev.code}${ev.reason ? ', ' + ev.reason : ''})`;
        if (echo.state === 'signaling' && socket !== ws) {
          reject(new Error(`${why} before it opened`));
        } else if (!hangingUp) {
          fail(`${why} during the call`);
        }
      };
    });
  }

  function onSignalingMessage(event) {
    let msg;
    try {
      msg = JSON.parse(event.data);
    } catch (err) {
      fail(`the gateway sent a non-JSON message: ${event.data}`);
      return;
    }
    echo.received.push(msg.type);
    if (msg.type === 'answer') {
      onAnswer(msg).catch((err) => fail(`applying the answer failed: ${err.message}`));
    } else if (msg.type === 'candidate') {
      onRemoteCandidate(msg.candidate || {});
    } else if (msg.type === 'media' && msg.state === 'connected') {
      echo.gatewayConnected = true;
      log('the gateway reports media connected');
    } else if (msg.type === 'error') {
      const p = msg.payload || {};
      fail(`the gateway answered an error ${p.code}: ${p.message}${p.details ? ' (' + JSON.stringify(p.details) + ')' : ''}`);
    } else if (msg.type === 'hangup') {
      log(`the gateway hung up: ${msg.reason}`);
      if (!hangingUp) fail(`the gateway hung up: ${msg.reason}`);
    }
  }

  async function onAnswer(msg) {
    echo.answerSdp = msg.sdp;
    await pc.setRemoteDescription({type: 'answer', sdp: msg.sdp});
    setState('answered');
    for (const cand of pendingRemoteCandidates.splice(0)) {
      await addRemoteCandidate(cand);
    }
  }

  function onRemoteCandidate(cand) {
    if (!pc.remoteDescription) {
      pendingRemoteCandidates.push(cand);
      return;
    }
    addRemoteCandidate(cand);
  }

  async function addRemoteCandidate(cand) {
    try {
      if (cand.completed) {
        await pc.addIceCandidate(null);  // end-of-candidates
        log('remote end-of-candidates');
        return;
      }
      await pc.addIceCandidate({candidate: cand.candidate, sdpMid: cand.sdpMid,
                                sdpMLineIndex: cand.sdpMLineIndex});
      echo.remoteCandidates++;
      log(`remote candidate: ${cand.candidate}`);
    } catch (err) {
      fail(`the gateway's candidate ${JSON.stringify(cand)} was refused: ${err.message}`);
    }
  }

  function watchPeerConnection() {
    pc.onicecandidate = (ev) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ev.candidate && ev.candidate.candidate) {
        echo.localCandidates++;
        echo.localCandidateLines.push(ev.candidate.candidate);
        send({type: 'candidate', candidate: ev.candidate.toJSON()});
      } else if (!ev.candidate) {
        send({type: 'candidate', candidate: {completed: true}});
      }
    };
    pc.oniceconnectionstatechange = () => {
      echo.iceState = pc.iceConnectionState;
      log(`ICE: ${pc.iceConnectionState}`);
    };
    pc.onconnectionstatechange = () => {
      echo.pcState = pc.connectionState;
      log(`PeerConnection: ${pc.connectionState}`);
      if (pc.connectionState === 'connected') setState('connected');
      if (pc.connectionState === 'failed') fail('the PeerConnection failed (ICE or DTLS)');
    };
    pc.ontrack = (ev) => {
      log(`remote ${ev.track.kind} track (mid ${ev.transceiver.mid})`);
      const el = document.getElementById(ev.track.kind === 'video' ? 'remote' : 'remote-audio');
      el.srcObject = ev.streams[0] || new MediaStream([ev.track]);
    };
  }

  // Media made in the page (a canvas and an oscillator) instead of the
  // camera: without a getUserMedia grant Chromium hides its host addresses
  // behind mDNS ".local" names, the case of a receive-mostly web client.
  function syntheticStream() {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const ctx = canvas.getContext('2d');
    let frame = 0;
    setInterval(() => {  // a green picture like the fake camera's, with a moving bar
      ctx.fillStyle = '#008000';
      ctx.fillRect(0, 0, 320, 240);
      ctx.fillStyle = '#40ff40';
      ctx.fillRect((frame++ * 4) % 320, 0, 20, 240);
    }, 33);
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const sink = audio.createMediaStreamDestination();
    tone.connect(sink);
    tone.start();
    return new MediaStream([...canvas.captureStream(30).getVideoTracks(),
                            ...sink.stream.getAudioTracks()]);
  }

  // codec=VP8|VP9|H264: offer that codec first (H.264 packetization-mode 1
  // before 0); the others stay, in Chromium's order, as fallbacks.
  function preferVideoCodec(name) {
    if (!name) return;
    const wanted = `video/${name}`.toLowerCase();
    const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
    const rank = (c) => (c.mimeType.toLowerCase() !== wanted ? 2
      : /packetization-mode=0/.test(c.sdpFmtpLine || '') ? 1 : 0);
    const ordered = codecs.map((c, i) => [rank(c), i, c]).sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((entry) => entry[2]);
    if (rank(ordered[0]) !== 0) throw new Error(`this browser cannot receive ${name}`);
    const video = pc.getTransceivers().find((t) => t.sender.track && t.sender.track.kind === 'video');
    video.setCodecPreferences(ordered);
    log(`video codec preference: ${name}`);
  }

  async function start() {
    const url = params.get('ws');
    if (!url) throw new Error('no ?ws=ws://HOST:PORT/ws/echotest in the page URL');
    setState('media');
    const stream = params.get('source') === 'canvas' ? syntheticStream()
      : await navigator.mediaDevices.getUserMedia({
        audio: true, video: {width: 320, height: 240, frameRate: 30}});
    document.getElementById('local').srcObject = stream;
    setState('signaling');
    ws = await openSignaling(url);
    ws.onmessage = onSignalingMessage;
    log(`signaling open: ${url}`);
    pc = new RTCPeerConnection({bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
    watchPeerConnection();
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    preferVideoCodec(params.get('codec'));
    await pc.setLocalDescription(await pc.createOffer());
    echo.offerSdp = pc.localDescription.sdp;
    send({type: 'offer', sdp: pc.localDescription.sdp});
    const seconds = Number(params.get('answer_timeout') || 15);
    setTimeout(() => {
      if (!pc.remoteDescription) fail(`no answer from the gateway within ${seconds} s`);
    }, seconds * 1000);
  }

  function inboundOf(report) {
    const common = {ssrc: report.ssrc, mid: report.mid, packetsReceived: report.packetsReceived,
                    bytesReceived: report.bytesReceived, packetsLost: report.packetsLost,
                    jitter: report.jitter, nackCount: report.nackCount};
    if (report.kind === 'video') {
      return Object.assign(common, {framesDecoded: report.framesDecoded || 0,
        framesReceived: report.framesReceived, keyFramesDecoded: report.keyFramesDecoded,
        frameWidth: report.frameWidth, frameHeight: report.frameHeight,
        pliCount: report.pliCount, firCount: report.firCount,
        decoderImplementation: report.decoderImplementation});
    }
    return Object.assign(common, {totalSamplesReceived: report.totalSamplesReceived,
      concealedSamples: report.concealedSamples, audioLevel: report.audioLevel});
  }

  // The getStats() summary the test reads (what chrome://webrtc-internals shows).
  async function stats() {
    const out = {state: echo.state, error: echo.error, pcState: pc && pc.connectionState,
                 iceState: pc && pc.iceConnectionState, inbound: {}, outbound: {},
                 transport: null, pair: null, codecs: {}};
    if (!pc) return out;
    const reports = await pc.getStats();
    reports.forEach((r) => {
      if (r.type === 'codec') out.codecs[r.id] = `${r.mimeType}/${r.clockRate} pt ${r.payloadType}`;
    });
    reports.forEach((r) => {
      if (r.type === 'inbound-rtp') {
        out.inbound[r.kind] = Object.assign(inboundOf(r), {codec: out.codecs[r.codecId]});
      } else if (r.type === 'outbound-rtp') {
        out.outbound[r.kind] = {ssrc: r.ssrc, packetsSent: r.packetsSent, bytesSent: r.bytesSent,
          framesEncoded: r.framesEncoded, codec: out.codecs[r.codecId],
          nackCount: r.nackCount, pliCount: r.pliCount};
      } else if (r.type === 'transport') {
        out.transport = {dtlsState: r.dtlsState, iceState: r.iceState, dtlsRole: r.dtlsRole,
          srtpCipher: r.srtpCipher, tlsVersion: r.tlsVersion, dtlsCipher: r.dtlsCipher,
          selectedCandidatePairId: r.selectedCandidatePairId,
          packetsSent: r.packetsSent, packetsReceived: r.packetsReceived};
      }
    });
    const pairId = out.transport && out.transport.selectedCandidatePairId;
    const pair = pairId && reports.get(pairId);
    if (pair) {
      const side = (id) => {
        const c = reports.get(id) || {};
        return `${c.candidateType} ${c.protocol} ${c.address}:${c.port}`;
      };
      out.pair = {state: pair.state, local: side(pair.localCandidateId),
        remote: side(pair.remoteCandidateId), requestsSent: pair.requestsSent,
        responsesReceived: pair.responsesReceived, currentRoundTripTime: pair.currentRoundTripTime};
    }
    return out;
  }

  // The mean colour of what a <video> shows now, [r, g, b] (null before
  // its first frame): lets the test compare the echo with the camera.
  function videoColour(id) {
    const video = document.getElementById(id);
    if (!video || video.videoWidth === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(video, 0, 0);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < pixels.length; i += 4) {
      sum[0] += pixels[i];
      sum[1] += pixels[i + 1];
      sum[2] += pixels[i + 2];
    }
    const n = pixels.length / 4;
    return sum.map((v) => Math.round(v / n));
  }

  function hangup() {
    hangingUp = true;
    if (ws && ws.readyState === WebSocket.OPEN) send({type: 'hangup'});
    if (pc) pc.close();
    setState('closed');
  }

  window.echoStart = () => start().catch((err) => {
    fail(err && err.message ? err.message : err);
    throw err;
  });
  window.echoStats = stats;
  window.echoVideoColour = videoColour;
  window.echoHangup = hangup;
  window.addEventListener('error', (ev) => fail(`uncaught: ${ev.message}`));
  window.addEventListener('unhandledrejection', (ev) => fail(`unhandled rejection: ${ev.reason}`));
  setState('idle');
  if (params.get('autostart') !== '0') window.echoStart().catch(() => {});
})();
