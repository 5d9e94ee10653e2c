#include "retort/sql/text.hpp"

#include <algorithm>

namespace retort {

namespace {
bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

// Length of a dollar-quote tag ("$$" or "$tag$") starting at `pos`, or 0 when there is none.
std::size_t dollar_tag_length(std::string_view sql, std::size_t pos) {
    std::size_t end = pos + 1;
    while (end < sql.size() && is_name_char(sql[end])) ++end;
    if (end < sql.size() && sql[end] == '$' &&
        (end == pos + 1 || !(sql[pos + 1] >= '0' && sql[pos + 1] <= '9')))
        return end - pos + 1;
    return 0;
}
}  // namespace

TextClause::TextClause(std::string sql) : sql_(std::move(sql)) {
    std::string_view in = sql_;
    auto emit = [&](std::string_view piece) {
        dollar_ += piece;
        question_ += piece;
        if (segments_.empty() || segments_.back().parameter != 0) segments_.push_back(Segment{});
        segments_.back().text += piece;
    };
    std::size_t i = 0;
    while (i < in.size()) {
        char c = in[i];
        std::size_t end = i + 1;
        if (c == '\'' || c == '"') {  // quoted literal or identifier; doubled quote escapes
            while (end < in.size()) {
                if (in[end] == c) {
                    if (end + 1 < in.size() && in[end + 1] == c) {
                        end += 2;
                        continue;
                    }
                    ++end;
                    break;
                }
                ++end;
            }
            emit(in.substr(i, end - i));
        } else if (c == '-' && i + 1 < in.size() && in[i + 1] == '-') {
            end = std::min(in.find('\n', i), in.size());
            emit(in.substr(i, end - i));
        } else if (c == '/' && i + 1 < in.size() && in[i + 1] == '*') {
            std::size_t close = in.find("*/", i + 2);
            end = close == std::string_view::npos ? in.size() : close + 2;
            emit(in.substr(i, end - i));
        } else if (c == '$' && dollar_tag_length(in, i) > 0) {
            std::string_view tag = in.substr(i, dollar_tag_length(in, i));
            std::size_t close = in.find(tag, i + tag.size());
            end = close == std::string_view::npos ? in.size() : close + tag.size();
            emit(in.substr(i, end - i));
        } else if (c == '\\' && i + 1 < in.size() && in[i + 1] == ':') {
            emit(":");
            end = i + 2;
        } else if (c == ':' && i + 1 < in.size() && in[i + 1] == ':') {
            emit("::");
            end = i + 2;
        } else if (c == ':' && i + 1 < in.size() && is_name_start(in[i + 1]) &&
                   (i == 0 || !is_name_char(in[i - 1]))) {  // "a:b" is no marker
            end = i + 2;
            while (end < in.size() && is_name_char(in[end])) ++end;
            std::string name(in.substr(i + 1, end - i - 1));
            auto found = std::find(names_.begin(), names_.end(), name);
            std::size_t index = static_cast<std::size_t>(found - names_.begin()) + 1;
            if (found == names_.end()) names_.push_back(std::move(name));
            dollar_ += '$' + std::to_string(index);
            question_ += '?' + std::to_string(index);
            segments_.push_back(Segment{{}, index});
        } else {
            emit(in.substr(i, 1));
        }
        i = end;
    }
}

}  // namespace retort
