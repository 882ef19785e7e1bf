#include "rtp_packet_builder.hpp"

#include <cstring>

#include "byte_io.hpp"
#include "rtp_packet_view.hpp"

namespace meetgate::media::rtp {

RtpPacketBuilder::RtpPacketBuilder(std::span<uint8_t> buffer, uint8_t payload_type,
                                   uint16_t sequence_number, uint32_t timestamp, uint32_t ssrc,
                                   bool marker)
    : buffer_(buffer), size_(RtpPacketView::kFixedHeaderSize) {
  if (buffer_.size() < RtpPacketView::kFixedHeaderSize) {
    failed_ = true;
    return;
  }
  buffer_[0] = 0x80;
  buffer_[1] = static_cast<uint8_t>((marker ? 0x80 : 0) | (payload_type & 0x7F));
  byte_io::write16(&buffer_[2], sequence_number);
  byte_io::write32(&buffer_[4], timestamp);
  byte_io::write32(&buffer_[8], ssrc);
}

bool RtpPacketBuilder::add_csrc(uint32_t csrc) {
  if (failed_ || stage_ != Stage::kCsrcs || (buffer_[0] & 0x0F) == 15 || size_ + 4 > buffer_.size())
    return fail();
  byte_io::write32(&buffer_[size_], csrc);
  size_ += 4;
  buffer_[0] = static_cast<uint8_t>(buffer_[0] + 1);
  return true;
}

bool RtpPacketBuilder::add_extension(uint8_t id, std::span<const uint8_t> value,
                                     ExtensionForm form) {
  if (failed_ || stage_ > Stage::kExtensions) return fail();
  if (stage_ == Stage::kCsrcs) {
    if (size_ + 4 > buffer_.size()) return fail();
    form_ = form;
    extension_header_offset_ = size_;
    byte_io::write16(&buffer_[size_], form == ExtensionForm::kOneByte ? 0xBEDE : 0x1000);
    size_ += 4;
    buffer_[0] |= 0x10;
    stage_ = Stage::kExtensions;
  }
  if (form_ == ExtensionForm::kOneByte) {
    if (id < 1 || id > 14 || value.empty() || value.size() > 16) return fail();
    if (size_ + 1 + value.size() > buffer_.size()) return fail();
    buffer_[size_++] = static_cast<uint8_t>(id << 4 | (value.size() - 1));
  } else {
    if (id < 1 || value.size() > 255 || size_ + 2 + value.size() > buffer_.size()) return fail();
    buffer_[size_++] = id;
    buffer_[size_++] = static_cast<uint8_t>(value.size());
  }
  if (!value.empty()) std::memcpy(&buffer_[size_], value.data(), value.size());
  size_ += value.size();
  return true;
}

bool RtpPacketBuilder::close_extension_block() {
  if (stage_ != Stage::kExtensions) return true;
  while ((size_ - extension_header_offset_) % 4 != 0) {
    if (size_ >= buffer_.size()) return fail();
    buffer_[size_++] = 0;
  }
  const size_t words = (size_ - extension_header_offset_ - 4) / 4;
  byte_io::write16(&buffer_[extension_header_offset_ + 2], static_cast<uint16_t>(words));
  return true;
}

bool RtpPacketBuilder::set_payload(std::span<const uint8_t> payload) {
  if (failed_ || stage_ > Stage::kExtensions || !close_extension_block()) return fail();
  stage_ = Stage::kPayload;
  if (size_ + payload.size() > buffer_.size()) return fail();
  if (!payload.empty()) std::memcpy(&buffer_[size_], payload.data(), payload.size());
  size_ += payload.size();
  return true;
}

bool RtpPacketBuilder::set_padding(uint8_t padding_size) {
  if (failed_ || padding_size == 0 || stage_ == Stage::kDone) return fail();
  if (stage_ != Stage::kPayload && !set_payload({})) return false;
  if (size_ + padding_size > buffer_.size()) return fail();
  std::memset(&buffer_[size_], 0, padding_size);
  size_ += padding_size;
  buffer_[size_ - 1] = padding_size;
  buffer_[0] |= 0x20;
  stage_ = Stage::kDone;
  return true;
}

size_t RtpPacketBuilder::finish() {
  if (failed_) return 0;
  if (stage_ < Stage::kPayload && !set_payload({})) return 0;
  stage_ = Stage::kDone;
  return size_;
}

}  // namespace meetgate::media::rtp
