"""The weekly outreach plan: whom to write to, when, why, and what to say.

The path runs one way, each module using only those above it:

- ``network``: the people, owners and targets the plan needs, read from the workspace;
- ``reach``: tie strength, dates and node ids: the one home of the rules both the scoring and
  ``outreach.graph`` use;
- ``scoring``: scored candidates with named components and reasons;
- ``schedule``: candidates spread over weeks under the user's pace;
- ``messages``: the suggested first message for each row;
- ``keys``: row keys of the plan's sheets (one builder and one parser);
- ``build``: the plan's rows, assembled from the above;
- ``sheets``: the rows as workbook sheets;
- ``memory``: what the plan wrote into its workbooks and the rows the user deleted, in the
  workspace, so that only the user's changes count as edits;
- ``write``: ``write_plan``, the one call the CLI makes to write a plan workbook.
"""
