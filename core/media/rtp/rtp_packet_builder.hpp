// Writes an RTP packet into a caller-owned buffer, in header order: fixed
// header, CSRCs, header extension elements, payload, padding. Used by the
// router to write a consumer's copy of a packet (new SSRC/seq/ts/PT and the
// consumer's extension ids) and by tests. Never allocates; finish() returns
// 0 if anything did not fit or was added out of order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace meetgate::media::rtp {

class RtpPacketBuilder {
 public:
  enum class ExtensionForm { kOneByte, kTwoByte };

  RtpPacketBuilder(std::span<uint8_t> buffer, uint8_t payload_type, uint16_t sequence_number,
                   uint32_t timestamp, uint32_t ssrc, bool marker = false);

  bool add_csrc(uint32_t csrc);
  // The first call opens the extension block in `form`; ids 1..14 and 1..16
  // byte values in the one-byte form, 1..255 and 0..255 bytes in the two-byte form.
  bool add_extension(uint8_t id, std::span<const uint8_t> value,
                     ExtensionForm form = ExtensionForm::kOneByte);
  bool set_payload(std::span<const uint8_t> payload);
  bool set_padding(uint8_t padding_size);  // 1..255, after the payload
  // The packet's size, or 0 on any earlier failure.
  size_t finish();

 private:
  enum class Stage { kCsrcs, kExtensions, kPayload, kDone };
  bool close_extension_block();
  bool fail() {
    failed_ = true;
    return false;
  }

  std::span<uint8_t> buffer_;
  size_t size_;
  Stage stage_ = Stage::kCsrcs;
  size_t extension_header_offset_ = 0;  // 0 = no block opened
  ExtensionForm form_ = ExtensionForm::kOneByte;
  bool failed_ = false;
};

}  // namespace meetgate::media::rtp
