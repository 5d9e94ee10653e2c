#include <retort/retort.hpp>

#include <cstdio>

int main() {
    auto engine = retort::create_engine("sqlite://");
    auto conn = engine.connect();
    auto answer =
        conn.execute(retort::text("SELECT :a * :b"), {{"a", 6}, {"b", 7}}).scalar<std::int64_t>();
    std::printf("%lld\n", static_cast<long long>(answer));
    return answer == 42 ? 0 : 1;
}
