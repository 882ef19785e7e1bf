// Who is calling: the user auth.verify_token answered for the request's token.
#pragma once

#include <meetgate/pluginkit/verified_user.hpp>

namespace meetgate::recorder {

using Caller = pluginkit::VerifiedUser;

}  // namespace meetgate::recorder
