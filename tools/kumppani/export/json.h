// A small JSON document model and writer for the open-data exports: a value
// tree whose objects keep their keys in insertion order (so a converter that
// sets its keys in a fixed order always gets the same bytes), serialized as
// indented UTF-8 JSON with a trailing newline.
//
// Strings are escaped per RFC 8259: '"', '\\' and the control characters
// U+0000..U+001F (as \n, \t, ... or \u00XX); other characters are written as
// UTF-8. Bytes that are not valid UTF-8 are replaced by U+FFFD, so the output
// is always valid JSON. Numbers are 64-bit integers or decimal literals made
// by Decimal() (exact: no floating point ever enters an export).
//
// Values are plain data: copyable, no shared state, safe to use from one
// thread at a time.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_JSON_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_JSON_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kumppani::exports {

class Json {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  // null.
  Json() = default;
  Json(const char* text) : kind_(Kind::kString), text_(text) {}  // NOLINT: implicit by design
  Json(std::string text) : kind_(Kind::kString), text_(std::move(text)) {}      // NOLINT
  Json(bool value) : kind_(Kind::kBool), text_(value ? "true" : "false") {}     // NOLINT
  Json(int value) : Json(static_cast<int64_t>(value)) {}                        // NOLINT
  Json(int64_t value) : kind_(Kind::kNumber), text_(std::to_string(value)) {}   // NOLINT
  Json(uint64_t value) : kind_(Kind::kNumber), text_(std::to_string(value)) {}  // NOLINT

  static Json Object() { return Json(Kind::kObject); }
  static Json Array() { return Json(Kind::kArray); }
  // A number of euro cents as euros: 120000000 -> 1200000, 1234550 -> 12345.50,
  // -5 -> -0.05. Exact; two decimals whenever there are cents.
  static Json Euros(int64_t cents);

  Kind kind() const { return kind_; }
  // Number of members (object) or elements (array); 0 for scalars.
  size_t size() const { return kind_ == Kind::kObject ? members_.size() : elements_.size(); }
  bool empty() const { return size() == 0; }

  // Object: sets `key`, replacing an earlier value in place (its position
  // stays) or appending. Returns *this for chaining.
  Json& Set(const std::string& key, Json value);
  // Object: sets `key` only when `value` is not an empty string, array or
  // object (optional fields are left out rather than written empty).
  Json& SetIfPresent(const std::string& key, Json value);
  // Array: appends.
  Json& Push(Json value);

  // The member `key` of an object; null when absent (for tests and readers).
  const Json* Find(const std::string& key) const;
  // The string's text, a number's literal, "true"/"false"; "" otherwise.
  const std::string& text() const { return text_; }
  const std::vector<Json>& elements() const { return elements_; }
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }

  // Indented JSON (two spaces), "\n" at the end. Empty arrays and objects
  // are written as [] and {}.
  std::string Serialize() const;

 private:
  explicit Json(Kind kind) : kind_(kind) {}
  void Write(std::string& out, int depth) const;

  Kind kind_ = Kind::kNull;
  std::string text_;
  std::vector<Json> elements_;
  std::vector<std::pair<std::string, Json>> members_;
};

// `text` as a JSON string literal, quotes included (escaping as above).
std::string JsonQuote(const std::string& text);

}  // namespace kumppani::exports

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_JSON_H_
