// The JSON value tree's building, escaping and serialization.
#include "tools/kumppani/export/json.h"

#include <cstdio>

namespace kumppani::exports {
namespace {

// The length of the valid UTF-8 sequence starting at text[i], or 0 when the
// bytes there are not one (overlong forms, surrogates and values above
// U+10FFFF are invalid).
size_t Utf8SequenceLength(const std::string& text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char first = byte(i);
  size_t length = 0;
  uint32_t code_point = 0;
  if (first < 0x80) return 1;
  if (first >= 0xC2 && first <= 0xDF) {
    length = 2;
    code_point = first & 0x1F;
  } else if (first >= 0xE0 && first <= 0xEF) {
    length = 3;
    code_point = first & 0x0F;
  } else if (first >= 0xF0 && first <= 0xF4) {
    length = 4;
    code_point = first & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) {
    return 0;
  }
  if (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) return 0;
  return length;
}

void AppendQuoted(std::string& out, const std::string& text) {
  out += '"';
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\b':
        out += "\\b";
        ++i;
        continue;
      case '\f':
        out += "\\f";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    out.append(text, i, length);
    i += length;
  }
  out += '"';
}

void Indent(std::string& out, int depth) { out.append(static_cast<size_t>(depth) * 2, ' '); }

}  // namespace

std::string JsonQuote(const std::string& text) {
  std::string out;
  AppendQuoted(out, text);
  return out;
}

Json Json::Euros(int64_t cents) {
  Json number(Kind::kNumber);
  const bool negative = cents < 0;
  // Work in unsigned so that INT64_MIN does not overflow when negated.
  const uint64_t magnitude = negative ? static_cast<uint64_t>(0) - static_cast<uint64_t>(cents)
                                      : static_cast<uint64_t>(cents);
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / 100);
  if (const uint64_t rest = magnitude % 100; rest != 0) {
    text += '.';
    text += static_cast<char>('0' + rest / 10);
    text += static_cast<char>('0' + rest % 10);
  }
  number.text_ = std::move(text);
  return number;
}

Json& Json::Set(const std::string& key, Json value) {
  for (auto& [existing, member] : members_) {
    if (existing == key) {
      member = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(key, std::move(value));
  return *this;
}

Json& Json::SetIfPresent(const std::string& key, Json value) {
  const bool blank =
      (value.kind_ == Kind::kString && value.text_.empty()) ||
      ((value.kind_ == Kind::kArray || value.kind_ == Kind::kObject) && value.empty()) ||
      value.kind_ == Kind::kNull;
  if (!blank) Set(key, std::move(value));
  return *this;
}

Json& Json::Push(Json value) {
  elements_.push_back(std::move(value));
  return *this;
}

const Json* Json::Find(const std::string& key) const {
  for (const auto& [existing, member] : members_) {
    if (existing == key) return &member;
  }
  return nullptr;
}

void Json::Write(std::string& out, int depth) const {
  switch (kind_) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBool:
    case Kind::kNumber:
      out += text_;
      return;
    case Kind::kString:
      AppendQuoted(out, text_);
      return;
    case Kind::kArray:
      if (elements_.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < elements_.size(); ++i) {
        Indent(out, depth + 1);
        elements_[i].Write(out, depth + 1);
        out += i + 1 < elements_.size() ? ",\n" : "\n";
      }
      Indent(out, depth);
      out += ']';
      return;
    case Kind::kObject:
      if (members_.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (size_t i = 0; i < members_.size(); ++i) {
        Indent(out, depth + 1);
        AppendQuoted(out, members_[i].first);
        out += ": ";
        members_[i].second.Write(out, depth + 1);
        out += i + 1 < members_.size() ? ",\n" : "\n";
      }
      Indent(out, depth);
      out += '}';
      return;
  }
}

std::string Json::Serialize() const {
  std::string out;
  Write(out, 0);
  out += '\n';
  return out;
}

}  // namespace kumppani::exports
