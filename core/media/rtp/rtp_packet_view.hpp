// A zero-copy view over an RTP packet (RFC 3550 section 5.1, header
// extensions RFC 8285). parse() validates every length against the buffer
// so the accessors never read out of bounds. Setters rewrite the packet in
// place; they exist only on a view built over writable bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace meetgate::media::rtp {

class RtpPacketView {
 public:
  static constexpr size_t kFixedHeaderSize = 12;
  static constexpr uint16_t kOneByteProfile = 0xBEDE;
  static constexpr uint16_t kTwoByteProfileMask = 0xFFF0;
  static constexpr uint16_t kTwoByteProfile = 0x1000;

  // nullopt if `data` is not a valid RTP packet.
  static std::optional<RtpPacketView> parse(std::span<uint8_t> data);
  // Read-only view over const bytes: the setters cannot be called on it.
  static std::optional<const RtpPacketView> parse_readonly(std::span<const uint8_t> data);
  // A cheap demux test (RFC 7983/5761): version 2 and not an RTCP PT.
  static bool looks_like_rtp(std::span<const uint8_t> data);

  uint8_t version() const { return data_[0] >> 6; }
  bool has_padding() const { return (data_[0] & 0x20) != 0; }
  bool has_extension() const { return (data_[0] & 0x10) != 0; }
  uint8_t csrc_count() const { return data_[0] & 0x0F; }
  bool marker() const { return (data_[1] & 0x80) != 0; }
  uint8_t payload_type() const { return data_[1] & 0x7F; }
  uint16_t sequence_number() const;
  uint32_t timestamp() const;
  uint32_t ssrc() const;
  uint32_t csrc(size_t index) const;  // index < csrc_count()

  size_t header_size() const { return header_size_; }  // fixed + CSRCs + extension
  size_t padding_size() const { return padding_size_; }
  std::span<const uint8_t> payload() const;
  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  size_t size() const { return size_; }

  // Header extensions (RFC 8285, one-byte 0xBEDE or two-byte 0x100X form).
  uint16_t extension_profile() const { return extension_profile_; }
  std::span<const uint8_t> extension_block() const;  // the elements, without the 4-byte header
  // The element with `id`, or nullopt. An empty span is a valid
  // (two-byte form) zero-length element.
  std::optional<std::span<const uint8_t>> find_extension(uint8_t id) const;

  // In-place rewriting (writable views only).
  void set_marker(bool marker);
  void set_payload_type(uint8_t payload_type);
  void set_sequence_number(uint16_t sequence_number);
  void set_timestamp(uint32_t timestamp);
  void set_ssrc(uint32_t ssrc);
  // Renumber extension elements: element id N becomes id_map[N]; id_map[N]
  // == 0 removes the element (its bytes become RFC 8285 padding). In the
  // one-byte form a new id must be 1..14; larger ones are removed.
  void remap_extension_ids(const std::array<uint8_t, 256> &id_map);
  // Overwrite an existing element's value of the same length; false if the
  // element is missing or its length differs.
  bool set_extension_value(uint8_t id, std::span<const uint8_t> value);

 private:
  explicit RtpPacketView(uint8_t *data, size_t size) : data_(data), size_(size) {}
  bool validate();
  std::optional<std::span<uint8_t>> find_mutable_extension(uint8_t id) const;

  uint8_t *data_;
  size_t size_;
  size_t header_size_ = kFixedHeaderSize;
  size_t padding_size_ = 0;
  size_t extension_offset_ = 0;  // of the elements; 0 = none
  size_t extension_size_ = 0;
  uint16_t extension_profile_ = 0;
};

}  // namespace meetgate::media::rtp
