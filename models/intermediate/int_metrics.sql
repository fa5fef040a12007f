{#-
    The metric vocabulary (seed `metric_vocabulary`), one row per metric code, with its
    stable id (the first 16 hex digits of the md5 of the code) and its keywords as a
    list. `dim_metric` shows it; metric facts take their `metric_id` from it.
-#}
with

vocabulary as (

    select * from {{ ref('metric_vocabulary') }}

),

final as (

    select
        {{ short_id('metric_code') }} as metric_id,
        cast(metric_code as varchar) as metric_code,
        cast(metric_name_zh as varchar) as metric_name_zh,
        cast(category as varchar) as category,
        cast(unit_kind as varchar) as unit_kind,
        cast(priority as integer) as priority,
        coalesce(
            {{ split_list("nullif(cast(keywords as varchar), '')", '|') }},
            cast([] as varchar[])
        ) as keywords
    from vocabulary

)

select * from final
