#include "sdp_description.hpp"

namespace meetgate::media {

const char *to_string(SdpDirection direction) {
  switch (direction) {
    case SdpDirection::kSendRecv:
      return "sendrecv";
    case SdpDirection::kSendOnly:
      return "sendonly";
    case SdpDirection::kRecvOnly:
      return "recvonly";
    case SdpDirection::kInactive:
      break;
  }
  return "inactive";
}

SdpDirection reverse(SdpDirection direction) {
  if (direction == SdpDirection::kSendOnly) return SdpDirection::kRecvOnly;
  if (direction == SdpDirection::kRecvOnly) return SdpDirection::kSendOnly;
  return direction;
}

bool sends(SdpDirection direction) {
  return direction == SdpDirection::kSendRecv || direction == SdpDirection::kSendOnly;
}

bool receives(SdpDirection direction) {
  return direction == SdpDirection::kSendRecv || direction == SdpDirection::kRecvOnly;
}

}  // namespace meetgate::media
