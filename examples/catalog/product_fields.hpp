// A product's fields read from JSON and checked, every problem collected so that one 422
// names them all.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <retort/retort.hpp>
#include <set>
#include <string>
#include <vector>

#include "models.hpp"

namespace catalog {

class ProductFields {
  public:
    explicit ProductFields(const nlohmann::json& body);

    /// The product the body describes. With `base`, fields the body leaves out keep base's
    /// values (a PATCH); without, every field but description and attributes is required.
    Product product(const Product* base);
    /// Records a problem for each category that is not in the tree.
    void check_categories(retort::orm::Session& session);
    const std::map<std::string, std::string>& problems() const noexcept { return problems_; }
    /// 422 naming each problem, when there is one.
    void raise_problems() const;

  private:
    std::optional<std::string> text(const char* name, std::size_t max, bool required);
    std::optional<std::vector<std::string>> keys(const char* name, bool required);

    const nlohmann::json* body_;
    std::map<std::string, std::string> problems_;
    std::set<std::string> categories_;
};

/// Which of `slugs` name categories, in one statement.
std::set<std::string> known_categories(retort::orm::Session& session,
                                       const std::vector<std::string>& slugs);

}  // namespace catalog
