from .servers import REDIS_PORTS, free_port


def test_healthz_with_database_and_cache_up_is_200_ok(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok"},
    )
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]


def test_healthz_with_redis_down_is_200_degraded(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port(REDIS_PORTS, claim=False)}/0",
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "degraded", "database": "ok", "cache": "unavailable"},
    )
