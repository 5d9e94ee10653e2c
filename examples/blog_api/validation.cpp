#include "validation.hpp"

#include <algorithm>
#include <charconv>

#include "api_error.hpp"

namespace blog_api {

namespace {

std::size_t characters(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string length_problem(Length length) {
    if (length.min > 0)
        return "must be " + std::to_string(length.min) + " to " + std::to_string(length.max) +
               " characters";
    return "must be at most " + std::to_string(length.max) + " characters";
}

}  // namespace

Fields::Fields(const nlohmann::json& body) : body_(&body) {
    if (!body.is_object())
        throw ApiError(422, "validation_failed", "the body must be a JSON object",
                       {{"body", "must be a JSON object"}});
}

std::optional<std::string> Fields::text(const char* name, Length length, bool required) {
    known_.emplace_back(name);
    const auto it = body_->find(name);
    if (it == body_->end() || it->is_null()) {
        if (required) problems_[name] = "is required";
        return std::nullopt;
    }
    if (!it->is_string()) {
        problems_[name] = "must be a string";
        return std::nullopt;
    }
    std::string value = it->get<std::string>();
    const std::size_t n = characters(value);
    if (n < length.min || n > length.max) {
        problems_[name] = length_problem(length);
        return std::nullopt;
    }
    return value;
}

std::optional<bool> Fields::boolean(const char* name, bool required) {
    known_.emplace_back(name);
    const auto it = body_->find(name);
    if (it == body_->end() || it->is_null()) {
        if (required) problems_[name] = "is required";
        return std::nullopt;
    }
    if (!it->is_boolean()) {
        problems_[name] = "must be true or false";
        return std::nullopt;
    }
    return it->get<bool>();
}

std::optional<std::vector<std::string>> Fields::texts(const char* name, std::size_t count,
                                                      Length each) {
    known_.emplace_back(name);
    const auto it = body_->find(name);
    if (it == body_->end() || it->is_null()) return std::nullopt;
    if (!it->is_array() || it->size() > count) {
        problems_[name] = "must be a list of at most " + std::to_string(count) + " strings";
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& item : *it) {
        if (!item.is_string() || characters(item.get<std::string>()) < each.min ||
            characters(item.get<std::string>()) > each.max) {
            problems_[name] = "each must be a string of " + std::to_string(each.min) + " to " +
                              std::to_string(each.max) + " characters";
            return std::nullopt;
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

void Fields::invalid(const char* name, std::string problem) {
    problems_.emplace(name, std::move(problem));
}

void Fields::check() const {
    std::map<std::string, std::string> problems = problems_;
    for (const auto& [key, value] : body_->items())
        if (std::find(known_.begin(), known_.end(), key) == known_.end())
            problems.emplace(key, "is not a field of this request");
    if (!problems.empty())
        throw ApiError(422, "validation_failed", "the request has invalid fields",
                       std::move(problems));
}

bool is_email_shape(std::string_view text) {
    const auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view domain = text.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
    return std::none_of(text.begin(), text.end(),
                        [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

bool is_username_shape(std::string_view text) {
    auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '.' || c == '-';
    };
    return !text.empty() && std::all_of(text.begin(), text.end(), allowed) && text[0] != '_' &&
           text[0] != '.' && text[0] != '-';
}

}  // namespace blog_api
