"""The project's files as validated models: the only stage that reads what staff write.

Its rule: every mistake becomes a `FILE:LINE: message` in plain Italian, at the line of the
mistake, and nothing a source holds can run, hang or reach outside the project.

- files, yaml_reader, yaml_mistakes, front_matter, content, ethics, layouts  read the files
- fields (value types), offer (plans.yaml), settings (site.yaml), models (the whole site)
- validation  turns a model's errors into problems at their lines; notices are the warnings
- plan_wording, plan_colours  what plans.yaml implies without staff writing it
- load  the entry point: a project folder -> a `Site`, or every problem it has
- schema  the same models as JSON Schemas, for editors' help while typing
"""
