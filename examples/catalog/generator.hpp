// Realistic, reproducible catalog data: a category tree of departments, families and leaves,
// and product number n as the same product every time (brand, colour, size, specifications,
// tags, price and stock drawn from n), for seeding and for tests that know what to expect.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models.hpp"

namespace catalog {

struct CategoryNode {
    std::string slug;
    std::string name;
    std::string parent_slug;  ///< empty for a department
};

/// Departments, then families, then leaves: every parent before its children.
const std::vector<CategoryNode>& category_tree();

/// The leaf categories, in category_tree() order.
std::vector<std::string> leaf_slugs();

/// Product number n (from 1): the same every time.
Product generated_product(std::int64_t n);

/// Inserts the category tree and `count` generated products (COPY, in batches) in one
/// transaction, reporting progress after each batch; ArgumentError when products exist.
void seed(const retort::Engine& engine, std::int64_t count,
          const std::function<void(std::int64_t done, std::int64_t total)>& progress = {});

}  // namespace catalog
