{#-
    Fails for every row whose span does not point at its text in the article body:
    `substring(body, start + 1, end - start)` must equal `text_column` (spans are
    0-based, end-exclusive, counted in characters). Rows whose article is missing
    fail too (the span points nowhere).

    `page_column` (in both models): the article must be on the span's page, and only
    the articles of the spans' pages are read. A test limited to the pages landed since
    the last build then reads one page's article bodies instead of every body in the
    warehouse (a tenth of a second on every added page at 10,000 pages): DuckDB filters
    the articles on their page before it reads a body (an added page's run at 10 k pages:
    0.02 s a test).
-#}
{% test span_matches_text(
    model,
    article_model,
    text_column,
    start_column='char_start',
    end_column='char_end',
    article_key='article_id',
    body_column='body',
    page_column=none
) %}

with
spans as (

    select
        {{ article_key }} as span_article_key,
        {{ start_column }} as span_start,
        {{ end_column }} as span_end,
        {{ text_column }} as span_text
        {%- if page_column %},
        {{ page_column }} as span_page
        {%- endif %}
    from {{ model }}

),

articles as (

    select
        {{ article_key }} as article_key,
        {{ body_column }} as article_body
        {%- if page_column %},
        {{ page_column }} as article_page
    from {{ article_model }}
    where {{ page_column }} in (select distinct spans.span_page from spans)
        {%- else %}
    from {{ article_model }}
        {%- endif %}

),

failures as (

    select
        spans.span_article_key,
        spans.span_start,
        spans.span_end,
        spans.span_text,
        substring(
            articles.article_body,
            spans.span_start + 1,
            spans.span_end - spans.span_start
        ) as text_at_span
    from spans
    left join articles
        on
            spans.span_article_key = articles.article_key
            {%- if page_column %}
            and spans.span_page = articles.article_page
            {%- endif %}
    where
        articles.article_key is null
        or spans.span_start is null
        or spans.span_end is null
        or spans.span_start < 0
        or spans.span_end > length(articles.article_body)
        or substring(
            articles.article_body,
            spans.span_start + 1,
            spans.span_end - spans.span_start
        ) is distinct from spans.span_text

)

select * from failures

{% endtest %}
