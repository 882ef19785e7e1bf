#include "rtp_packet_view.hpp"

#include <cstring>

#include "byte_io.hpp"

namespace meetgate::media::rtp {
namespace {

// One header extension element as laid out in the block.
struct Element {
  uint8_t id;
  size_t header_offset;  // of the element's id byte within the block
  size_t data_offset;
  size_t data_size;
};

// Walks the elements of an RFC 8285 block, bounds-checked; `visit` returns
// false to stop. Padding bytes (0) are skipped; id 15 in the one-byte form
// ends the block.
template <typename Visit>
void for_each_element(const uint8_t *block, size_t size, bool two_byte, Visit &&visit) {
  size_t i = 0;
  while (i < size) {
    if (block[i] == 0) {
      ++i;
      continue;
    }
    Element e{};
    e.header_offset = i;
    if (two_byte) {
      if (i + 2 > size) return;
      e.id = block[i];
      e.data_size = block[i + 1];
      e.data_offset = i + 2;
    } else {
      e.id = block[i] >> 4;
      if (e.id == 15) return;
      e.data_size = (block[i] & 0x0F) + 1u;
      e.data_offset = i + 1;
    }
    if (e.data_offset + e.data_size > size) return;
    if (!visit(e)) return;
    i = e.data_offset + e.data_size;
  }
}

}  // namespace

std::optional<RtpPacketView> RtpPacketView::parse(std::span<uint8_t> data) {
  RtpPacketView view(data.data(), data.size());
  if (!view.validate()) return std::nullopt;
  return view;
}

std::optional<const RtpPacketView> RtpPacketView::parse_readonly(std::span<const uint8_t> data) {
  // The view is returned const: no setter can write through this pointer.
  RtpPacketView view(const_cast<uint8_t *>(data.data()), data.size());
  if (!view.validate()) return std::nullopt;
  return view;
}

bool RtpPacketView::looks_like_rtp(std::span<const uint8_t> data) {
  if (data.size() < kFixedHeaderSize || (data[0] >> 6) != 2) return false;
  const uint8_t pt = data[1] & 0x7F;
  return pt < 64 || pt > 95;  // 64..95 would clash with RTCP packet types 192..223
}

bool RtpPacketView::validate() {
  if (data_ == nullptr || size_ < kFixedHeaderSize || version() != 2) return false;
  size_t offset = kFixedHeaderSize + 4u * csrc_count();
  if (offset > size_) return false;
  if (has_extension()) {
    if (offset + 4 > size_) return false;
    extension_profile_ = byte_io::read16(data_ + offset);
    extension_size_ = 4u * byte_io::read16(data_ + offset + 2);
    extension_offset_ = offset + 4;
    offset = extension_offset_ + extension_size_;
    if (offset > size_) return false;
  }
  header_size_ = offset;
  if (has_padding()) {
    if (size_ == header_size_) return false;
    padding_size_ = data_[size_ - 1];
    if (padding_size_ == 0 || header_size_ + padding_size_ > size_) return false;
  }
  return true;
}

uint16_t RtpPacketView::sequence_number() const {
  return byte_io::read16(data_ + 2);
}
uint32_t RtpPacketView::timestamp() const {
  return byte_io::read32(data_ + 4);
}
uint32_t RtpPacketView::ssrc() const {
  return byte_io::read32(data_ + 8);
}
uint32_t RtpPacketView::csrc(size_t index) const {
  return index < csrc_count() ? byte_io::read32(data_ + kFixedHeaderSize + 4 * index) : 0;
}

std::span<const uint8_t> RtpPacketView::payload() const {
  return {data_ + header_size_, size_ - header_size_ - padding_size_};
}

std::span<const uint8_t> RtpPacketView::extension_block() const {
  if (extension_offset_ == 0) return {};
  return {data_ + extension_offset_, extension_size_};
}

std::optional<std::span<uint8_t>> RtpPacketView::find_mutable_extension(uint8_t id) const {
  if (extension_offset_ == 0 || id == 0) return std::nullopt;
  const bool one_byte = extension_profile_ == kOneByteProfile;
  const bool two_byte = (extension_profile_ & kTwoByteProfileMask) == kTwoByteProfile;
  if (!one_byte && !two_byte) return std::nullopt;
  uint8_t *block = data_ + extension_offset_;
  std::optional<std::span<uint8_t>> found;
  for_each_element(block, extension_size_, two_byte, [&](const Element &e) {
    if (e.id != id) return true;
    found = std::span<uint8_t>(block + e.data_offset, e.data_size);
    return false;
  });
  return found;
}

std::optional<std::span<const uint8_t>> RtpPacketView::find_extension(uint8_t id) const {
  auto found = find_mutable_extension(id);
  if (!found) return std::nullopt;
  return std::span<const uint8_t>(found->data(), found->size());
}

void RtpPacketView::set_marker(bool marker) {
  data_[1] = static_cast<uint8_t>((data_[1] & 0x7F) | (marker ? 0x80 : 0));
}
void RtpPacketView::set_payload_type(uint8_t payload_type) {
  data_[1] = static_cast<uint8_t>((data_[1] & 0x80) | (payload_type & 0x7F));
}
void RtpPacketView::set_sequence_number(uint16_t sequence_number) {
  byte_io::write16(data_ + 2, sequence_number);
}
void RtpPacketView::set_timestamp(uint32_t timestamp) {
  byte_io::write32(data_ + 4, timestamp);
}
void RtpPacketView::set_ssrc(uint32_t ssrc) {
  byte_io::write32(data_ + 8, ssrc);
}

void RtpPacketView::remap_extension_ids(const std::array<uint8_t, 256> &id_map) {
  if (extension_offset_ == 0) return;
  const bool one_byte = extension_profile_ == kOneByteProfile;
  const bool two_byte = (extension_profile_ & kTwoByteProfileMask) == kTwoByteProfile;
  if (!one_byte && !two_byte) return;
  uint8_t *block = data_ + extension_offset_;
  for_each_element(block, extension_size_, two_byte, [&](const Element &e) {
    const uint8_t new_id = id_map[e.id];
    const bool removable = new_id == 0 || (one_byte && new_id > 14);
    if (removable) {
      // Zero bytes are padding between elements (RFC 8285 section 4.1.1).
      std::memset(block + e.header_offset, 0, e.data_offset + e.data_size - e.header_offset);
    } else if (one_byte) {
      block[e.header_offset] = static_cast<uint8_t>(new_id << 4 | (block[e.header_offset] & 0x0F));
    } else {
      block[e.header_offset] = new_id;
    }
    return true;
  });
}

bool RtpPacketView::set_extension_value(uint8_t id, std::span<const uint8_t> value) {
  auto found = find_mutable_extension(id);
  if (!found || found->size() != value.size()) return false;
  if (!value.empty()) std::memcpy(found->data(), value.data(), value.size());
  return true;
}

}  // namespace meetgate::media::rtp
