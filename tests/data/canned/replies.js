loadReplies([
  {"name": "Account locked", "description": "Your account is unlocked. You must have typed the wrong password five times."},
  {"name": "Feature request", "description": "We will not build that. It is not our problem."}
]);
